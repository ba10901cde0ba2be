/**
 * The demo host page served at `/` with `assets.demoPage`: a pretend vendor product ("Acme
 * Analytics") embedding the widget exactly as vendors are told to, one script tag, under a strict
 * CSP. It has no inline script or style on purpose: if the widget works here, it works on a host
 * page that forbids `unsafe-inline`.
 */
export const DEMO_PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Acme Analytics — Dashboard</title>
    <link rel="stylesheet" href="/demo.css">
    <script async src="/widget/loader.js" data-app-id="demo"></script>
  </head>
  <body>
    <header class="top">
      <span class="brand">Acme Analytics</span>
      <nav>
        <a href="#overview">Overview</a>
        <a href="#reports">Reports</a>
        <a href="#settings">Settings</a>
      </nav>
    </header>
    <main>
      <section id="overview">
        <h1>Overview</h1>
        <p class="lead">Traffic and conversions for <strong>acme.example</strong>, last 30 days.</p>
        <div class="cards">
          <article class="card"><h2>Visitors</h2><p class="figure">48,213</p><p class="delta up">+12.4 %</p></article>
          <article class="card"><h2>Sign-ups</h2><p class="figure">1,942</p><p class="delta up">+3.1 %</p></article>
          <article class="card"><h2>Churn</h2><p class="figure">2.3 %</p><p class="delta down">+0.4 pt</p></article>
          <article class="card"><h2>MRR</h2><p class="figure">$86,400</p><p class="delta up">+5.8 %</p></article>
        </div>
      </section>
      <section id="reports">
        <h2>Top pages</h2>
        <table>
          <thead><tr><th>Page</th><th>Views</th><th>Avg. time</th><th>Bounce</th></tr></thead>
          <tbody>
            <tr><td>/pricing</td><td>12,408</td><td>1:42</td><td>38 %</td></tr>
            <tr><td>/docs/getting-started</td><td>9,771</td><td>4:05</td><td>21 %</td></tr>
            <tr><td>/blog/q3-release</td><td>6,120</td><td>2:37</td><td>44 %</td></tr>
            <tr><td>/integrations</td><td>3,904</td><td>1:15</td><td>52 %</td></tr>
          </tbody>
        </table>
      </section>
      <section id="settings">
        <h2>Need help?</h2>
        <p>Questions about a report? Open the chat in the corner: our support team answers from
          the Relaydesk console. This page is the relay's demo host page; the chat is the real widget.</p>
      </section>
    </main>
    <footer>© Acme Analytics — a pretend product for trying Relaydesk.</footer>
  </body>
</html>
`;

export const DEMO_PAGE_CSS = `:root {
  color-scheme: light;
  --ink: #1d2433;
  --muted: #5b6475;
  --line: #e3e7ee;
  --accent: #3454d1;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink);
  background: #f6f8fb;
}
body { margin: 0; }
.top {
  display: flex; align-items: center; justify-content: space-between;
  padding: 0 24px; height: 56px; background: #fff; border-bottom: 1px solid var(--line);
}
.brand { font-weight: 700; color: var(--accent); }
nav a { margin-left: 20px; color: var(--muted); text-decoration: none; }
nav a:hover { color: var(--ink); }
main { max-width: 1040px; margin: 0 auto; padding: 24px; }
h1 { margin: 8px 0; font-size: 28px; }
h2 { font-size: 18px; }
.lead { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 16px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px; }
.card h2 { margin: 0; font-size: 14px; color: var(--muted); font-weight: 500; }
.figure { margin: 8px 0 4px; font-size: 26px; font-weight: 700; }
.delta { margin: 0; font-size: 13px; }
.up { color: #1b8a4b; }
.down { color: #c2410c; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
th, td { text-align: left; padding: 10px 14px; border-bottom: 1px solid var(--line); }
th { font-size: 13px; color: var(--muted); font-weight: 500; }
footer { text-align: center; color: var(--muted); font-size: 13px; padding: 32px 0; }
`;
