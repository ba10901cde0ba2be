import { type Browser, type BrowserContext, expect, test } from "@playwright/test";
import {
  connectAgent,
  fetchedChunks,
  hostOf,
  openDemo,
  panelOf,
  savePicture,
  sendFromPanel,
} from "./fixtures/look-page.ts";
import { type RunningRelay, type StartRelayOptions, startRelay } from "./fixtures/relay.ts";

// Languages: English in widget.js, Spanish, Arabic and Hebrew as chunks fetched when wanted (by
// data-locale, boot's locale or the browser's language), right to left mirrored for Arabic and
// Hebrew, and the vendor's own words for any text.

test.describe.configure({ timeout: 180_000 });

let relay: RunningRelay;
const contexts: BrowserContext[] = [];
test.beforeEach(async () => {
  relay = await startRelay();
});
test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await relay.stop();
});

async function newContext(browser: Browser, options = {}) {
  const context = await browser.newContext(options);
  contexts.push(context);
  return context;
}

test("Spanish by data-locale: every text, the plural of the badge and the list's relative time", async ({
  browser,
}) => {
  const agent = await connectAgent(relay.url, relay.agentToken);
  const context = await newContext(browser);
  const { page, violations } = await openDemo(context, relay.url, { attributes: 'data-locale="es"' });
  await page.getByRole("button", { name: "Abrir chat" }).click();
  const panel = panelOf(page, "Chat");
  await expect(panel.getByRole("textbox", { name: "Mensaje" })).toHaveAttribute(
    "placeholder",
    "Escribe un mensaje…",
  );
  await expect(panel.getByText("Escríbenos: te respondemos aquí mismo.")).toBeVisible();
  await sendFromPanel(panel, "Mensaje", "Hola, necesito ayuda");
  await expect(panel.locator('.rd-msg[data-author="visitor"] .rd-status')).toHaveText("Enviado");
  const conversationId = await agent.conversation();
  await panel.getByRole("button", { name: "Cerrar chat" }).click();
  agent.reply(conversationId, "¡Hola! ¿En qué te ayudo?");
  agent.reply(conversationId, "Estoy aquí.");
  await expect(page.getByRole("button", { name: "Abrir chat" })).toHaveAccessibleDescription("2 sin leer");
  await page.getByRole("button", { name: "Abrir chat" }).click();
  await panel.getByRole("button", { name: "Tus conversaciones" }).click();
  const row = panel.getByRole("list", { name: "Tus conversaciones" }).getByRole("button");
  await expect(row).toContainText("Abierta");
  await expect(row).toContainText(/ahora|hace \d+ (segundos|minutos?)/);
  await expect(panel.getByRole("button", { name: "Nueva conversación" })).toBeVisible();
  const chunks = await fetchedChunks(page);
  expect(chunks).toContain("look");
  expect(chunks).toContain("es");
  expect(chunks).not.toContain("ar");
  expect(await violations()).toEqual([]);
  agent.close();
});

test("Arabic: right to left, the launcher on the left, Arabic texts, as the visitor sees it", async ({
  browser,
}) => {
  const agent = await connectAgent(relay.url, relay.agentToken);
  const context = await newContext(browser);
  const { page } = await openDemo(context, relay.url, { attributes: 'data-locale="ar"' });
  const launcher = page.getByRole("button", { name: "افتح المحادثة" });
  await expect(launcher).toBeVisible();
  await expect(hostOf(page)).toHaveAttribute("dir", "rtl");
  await expect(hostOf(page)).toHaveAttribute("lang", "ar");
  // Mirrored: bottom-left instead of bottom-right.
  const box = (await launcher.boundingBox())!;
  expect(box.x).toBeLessThan(100);
  await savePicture(page, "launcher-rtl-ar");
  await launcher.click();
  const panel = panelOf(page, "المحادثة");
  await expect(panel).toHaveAttribute("dir", "rtl");
  // The attachments chunk's English has its Arabic in the pack too.
  await expect(panel.getByLabel("أرفق ملفات")).toBeAttached();
  await sendFromPanel(panel, "الرسالة", "مرحبا، أحتاج إلى مساعدة");
  agent.reply(await agent.conversation(), "أهلاً! كيف يمكنني مساعدتك؟");
  await expect(panel.locator('.rd-msg[data-author="agent"]')).toHaveCount(1);
  // The visitor's own message sits at the end side: the left in right to left.
  const own = (await panel.locator('.rd-msg[data-author="visitor"] .rd-body').boundingBox())!;
  const theirs = (await panel.locator('.rd-msg[data-author="agent"] .rd-body').boundingBox())!;
  const panelBox = (await panel.boundingBox())!;
  expect(own.x - panelBox.x).toBeLessThan(panelBox.x + panelBox.width - (theirs.x + theirs.width) + 1);
  expect(own.x).toBeLessThan(theirs.x);
  await expect(panel.getByRole("button", { name: "أغلق المحادثة" })).toBeVisible();
  await savePicture(page, "panel-rtl-ar");
  agent.close();
});

test("the browser's language picks the pack when there is one; English otherwise, with no pack fetched", async ({
  browser,
}) => {
  const hebrew = await openDemo(await newContext(browser, { locale: "he-IL" }), relay.url);
  await expect(hebrew.page.getByRole("button", { name: "פתיחת הצ׳אט" })).toBeVisible();
  await expect(hostOf(hebrew.page)).toHaveAttribute("dir", "rtl");

  const { page: french } = await openDemo(await newContext(browser, { locale: "fr-FR" }), relay.url);
  await expect(french.getByRole("button", { name: "Open chat" })).toBeVisible();
  await expect(hostOf(french)).toHaveAttribute("dir", "ltr");
  await french.waitForTimeout(300);
  // The look chunk finds no French pack: no pack is fetched.
  expect((await fetchedChunks(french)).filter((name) => ["es", "ar", "he"].includes(name))).toEqual([]);
});

test("the vendor's strings override any text, for every language or per language", async ({ browser }) => {
  const context = await newContext(browser);
  const { page } = await openDemo(context, relay.url, { attributes: 'data-auto-boot="false"' });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.evaluate(() =>
    (window as unknown as { Relaydesk(...args: unknown[]): void }).Relaydesk("boot", {
      appId: "demo",
      locale: "es",
      strings: { openChat: "Talk to us", sendd: "typo", es: { send: "Mandar", attach: "Subir archivos" } },
    }),
  );
  await page.getByRole("button", { name: "Talk to us" }).click();
  await expect(panelOf(page).getByRole("button", { name: "Mandar" })).toBeVisible();
  // A key of a lazy part (the attachments chunk's English) takes the vendor's words too.
  await expect(panelOf(page).getByLabel("Subir archivos")).toBeAttached();
  await expect(panelOf(page).getByRole("button", { name: "Cerrar chat" })).toBeVisible();
  expect(errors).toContainEqual(expect.stringContaining('strings: unknown key "sendd"'));
});

test("Spanish in the lazy parts: the place in the queue, the attach button, a refused file, the rating", async ({
  browser,
}) => {
  // Online but not taking the offer yet: the conversation waits in the queue with a place.
  const agent = await connectAgent(relay.url, relay.agentToken, { accept: false });
  const { page } = await openDemo(await newContext(browser), relay.url, { attributes: 'data-locale="es"' });
  await page.getByRole("button", { name: "Abrir chat" }).click();
  const panel = panelOf(page, "Chat");
  await expect(panel.getByLabel("Adjuntar archivos")).toBeAttached();
  await panel.getByLabel("Adjuntar archivos").setInputFiles({
    name: "página.html",
    mimeType: "text/html",
    buffer: Buffer.from("<p>hola</p>"),
  });
  await expect(panel.getByRole("alert")).toHaveText(
    "página.html no es de un tipo que aceptemos (imágenes, PDF o texto sin formato)",
  );

  await sendFromPanel(panel, "Mensaje", "¿Hay alguien?");
  await expect(panel.getByRole("status").filter({ hasText: "en la fila" })).toHaveText(
    /^Eres el número 1 en la fila\. Espera estimada: (en cualquier momento|alrededor de \d+ (minutos?|horas))\.$/,
  );

  const conversationId = await agent.acceptOffer();
  await expect(panel.getByText("en la fila")).toHaveCount(0);
  agent.closeConversation(conversationId);
  const rating = panel.getByRole("form", { name: "Valora esta conversación" });
  await expect(rating.getByText("¿Qué tal ha ido esta conversación?")).toBeVisible();
  await expect(panel.getByText("Esta conversación está cerrada.")).toBeVisible();
  await expect(panel.getByRole("button", { name: "Descargar la transcripción" })).toBeVisible();
  await rating.getByRole("button", { name: "Enviar valoración" }).click();
  await expect(rating.getByRole("alert")).toHaveText("Elige una valoración del 1 al 5");
  await rating.getByRole("button", { name: "4 de 5: Buena" }).click();
  await rating.getByRole("textbox", { name: "Comentario (opcional)" }).fill("Muy rápido");
  await rating.getByRole("button", { name: "Enviar valoración" }).click();
  await expect(panel.getByText("Gracias por tu valoración: 4 de 5.")).toBeVisible();
  agent.close();
});

test("Spanish pre-chat form and offline form", async ({ browser }) => {
  const options: StartRelayOptions = {
    // A queue of its own with nobody online: the relay says so, and the offline form shows.
    routing: { queues: [{ id: "main", strategy: "round-robin" }], defaultQueue: "main" },
    prechat: [
      { id: "name", type: "name", label: "Nombre", required: true },
      { id: "plan", type: "select", label: "Plan", options: ["Gratis", "Pro"] },
    ],
  };
  // This one needs a routing document and a pre-chat form: a relay of its own.
  await relay.stop();
  relay = await startRelay(options);
  const { page } = await openDemo(await newContext(browser), relay.url, { attributes: 'data-locale="es"' });
  await page.getByRole("button", { name: "Abrir chat" }).click();
  const panel = panelOf(page, "Chat");

  const prechat = panel.getByRole("form", { name: "Antes de empezar" });
  await expect(prechat.getByRole("heading", { name: "Antes de empezar" })).toBeVisible();
  await expect(prechat.getByRole("combobox", { name: "Plan (opcional)" })).toContainText("Elige…");
  await prechat.getByRole("button", { name: "Empezar el chat" }).click();
  await expect(prechat.getByText("Nombre: este campo es obligatorio")).toBeVisible();
  await prechat.getByRole("textbox", { name: "Nombre *" }).fill("Ana");
  await prechat.getByRole("button", { name: "Empezar el chat" }).click();
  await expect(prechat).toHaveCount(0);

  await sendFromPanel(panel, "Mensaje", "¿Hay alguien?");
  const offline = panel.getByRole("form", { name: "Déjanos tu correo" });
  await expect(offline.getByRole("status")).toHaveText(
    "Ahora mismo no hay nadie conectado. Te responderemos lo antes posible. Déjanos tu correo y te responderemos allí.",
  );
  await offline.getByRole("textbox", { name: "Tu correo electrónico" }).fill("no-es-una-direccion");
  await offline.getByRole("button", { name: "Enviar" }).click();
  await expect(
    offline.getByText("Tu correo electrónico: escribe una dirección como nombre@ejemplo.com"),
  ).toBeVisible();
  await offline.getByRole("textbox", { name: "Tu correo electrónico" }).fill("ana@example.com");
  await offline.getByRole("textbox", { name: "Mensaje (opcional)" }).fill("Escribidme, por favor.");
  await offline.getByRole("button", { name: "Enviar" }).click();
  await expect(
    panel.getByRole("status").filter({ hasText: "Te responderemos en ana@example.com." }),
  ).toBeVisible();
});
