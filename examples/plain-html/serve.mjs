// Serves index.html from another origin than the relay's (http://localhost:8080), the way a vendor's
// own site would; the demo app allows every localhost port.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const port = Number(process.env.PORT ?? 8080);
const page = readFileSync(new URL("index.html", import.meta.url));
createServer((req, res) => {
  if (req.url !== "/") {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(page);
}).listen(port, "127.0.0.1", () => console.log(`vendor page on http://localhost:${port}/`));
