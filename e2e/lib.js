// Shared helpers for the Playground end-to-end specs (e2e/*.spec.js). Specs run through
// e2e/run-in-netns.sh, inside a loopback-only network namespace, with these variables set:
//   PG_BASE        the Microsoft 365 Agents Playground, e.g. http://127.0.0.1:56150
//   BOT_BASE       the bot, e.g. http://127.0.0.1:3978
//   E2E_ARTIFACTS  screenshots go to $E2E_ARTIFACTS/<spec>/NN-step.png
//   E2E_SPEC       the spec's name (default: its file name without .spec.js)
// A spec is a plain node script that ends by printing "N passed, N failed" (run() does that) and exits
// non-zero on failure. What the Playground does and does not do: the project's Playground notes, summarised
// in the comments below (section numbers refer to them).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const NM = path.join(ROOT, 'tools', 'node_modules');
const { chromium } = require(path.join(NM, 'playwright-core'));
const WebSocket = require(path.join(NM, 'ws'));

const PG_BASE = process.env.PG_BASE || 'http://127.0.0.1:56150';
const BOT_BASE = process.env.BOT_BASE || 'http://127.0.0.1:3978';
const ARTIFACTS = process.env.E2E_ARTIFACTS || path.join(ROOT, 'artifacts', 'e2e');
const CHROMIUM = '/usr/bin/chromium'; // Debian's package; never a downloaded browser
// Flags that keep Chromium from calling out (background networking, component updates, sync, QUIC).
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-extensions', '--no-default-browser-check', '--metrics-recording-only'];
const STEP_TIMEOUT_MS = 60_000;

// Bot messages in the chat are .fai-OutputCard (the user's own bubbles are not); a hidden sidebar repeats
// the last message, so never look up text page-wide. Adaptive Cards render as .ac-adaptiveCard.
const SEL = { botMessage: '.fai-OutputCard', card: '.ac-adaptiveCard', editor: '[contenteditable="true"]' };

const isLoopbackUrl = u => {
  const url = new URL(u);
  return /^(data|blob|about):$/.test(url.protocol) || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
};
const slug = s => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'step';
const sleep = ms => new Promise(r => setTimeout(r, ms));
const enc = encodeURIComponent;

/** Polls fn until it returns something truthy; throws after ms. */
async function until(fn, ms = 10_000, what = 'condition') {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

// ---- Playground HTTP API (§5): none of it needs auth -------------------------------------------------
async function http(method, p, body) {
  const res = await fetch(PG_BASE + p, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json; try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, body: json === undefined ? text : json };
}
async function ok(method, p, body) {
  const r = await http(method, p, body);
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${p} -> ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body;
}
const api = {
  http, get: p => ok('GET', p), post: (p, b) => ok('POST', p, b ?? {}),
  ping: () => ok('GET', '/_debug/ping'),
  /** { tenantId, bot, currentUser, users, personalChat, groupChats, teams } without waiting for the bot */
  config: async () => (await ok('GET', '/_internal/v1/testConfig')).config,
  /** installationUpdate(add) + conversationUpdate(membersAdded) to the bot, as the UI does on first open */
  install: convId => ok('POST', `/_debug/conversation/${enc(convId)}/installation`, {}),
  /** a message as currentUser (the server ignores any other from); not shown in the UI */
  message: (convId, text, from = 'user-practitioner') => ok('POST', `/_conversation/v1/conversations/${enc(convId)}/messages`,
    { from: { id: from }, text, textFormat: 'plain' }),
  /** Action.Execute as any member: resolves to the bot's invoke response body { type, value } */
  invoke: ({ from, conversationId, replyToId, verb, data = {}, trigger, name = 'adaptiveCard/action' }) =>
    ok('POST', '/_conversation/v1/invoke', { name, from: { id: from }, conversation: { id: conversationId }, replyToId,
      value: { action: { type: 'Action.Execute', verb, data }, ...(trigger ? { trigger } : {}) } }),
  /** Action.Submit as any member (asynchronous) */
  submit: ({ from, conversationId, replyToId, value }) =>
    ok('POST', '/_conversation/v1/submit', { conversation: { id: conversationId }, from: { id: from }, replyToId, value }),
  template: (convId, type = 'install') => ok('GET', `/_internal/v1/customActivities/template?conversationId=${enc(convId)}&type=${enc(type)}`),
  /** any raw activity, forwarded unchanged to the bot (any from) */
  customActivity: activity => ok('POST', '/_internal/v1/customActivities', activity),
};

/** Tree-item names of the left pane (§2.2): personal, group, and one per team channel ("<team> - <channel>"). */
function conversations(config) {
  const t = config.teams[0];
  return {
    personal: { id: config.personalChat.id, tree: 'Personal Chat' },
    group: { id: config.groupChats[0].id, tree: config.groupChats[0].name },
    channels: Object.fromEntries(t.channels.map(c => [c.name, { id: c.id, tree: `${t.name} - ${c.name}` }])),
    team: { id: t.id, name: t.name },
  };
}

// ---- WebSocket collectors (§5): frames arrive for every client; no history for late joiners -----------
/** Collects frames of a Playground WebSocket (default: the conversation stream of bot messages). */
async function collect(p = '/_ws_conversation/v1/conversations/stream') {
  const ws = new WebSocket(PG_BASE.replace(/^http/, 'ws') + p);
  const frames = [];
  ws.on('message', d => { try { frames.push(JSON.parse(d.toString())); } catch { /* not JSON */ } });
  await new Promise((res, rej) => { ws.once('open', res); ws.once('error', rej); });
  return {
    frames,
    /** first frame matching pred, waiting up to ms */
    until: (pred, ms = 10_000, what = 'a WebSocket frame') => until(() => frames.find(pred), ms, what),
    /** createMessage/updateMessage frames of the bot, optionally only in one conversation */
    botMessages: convId => frames.filter(f => (f.action === 'createMessage' || f.action === 'updateMessage') &&
      (!convId || f.actionConversationId === convId || (f.message && f.message.postConversationId === convId))),
    close: () => ws.close(),
  };
}
/** Text of a stream frame's message: its text plus every TextBlock/FactSet text of its cards. */
function frameText(f) {
  const out = [];
  const walk = n => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    for (const k of ['text', 'title', 'value']) if (typeof n[k] === 'string') out.push(n[k]);
    for (const v of Object.values(n)) if (v && typeof v === 'object') walk(v);
  };
  if (f.message) { if (f.message.text) out.push(f.message.text); walk(f.message.attachments || []); }
  return out.join('\n');
}

// ---- browser ---------------------------------------------------------------------------------------
/** The conversation id of the UI's install call POST /_debug/conversation/<id>/installation, else null. */
function installTarget(u) {
  const m = /^\/_debug\/conversation\/(.+)\/installation$/.exec(new URL(u).pathname);
  return m ? decodeURIComponent(m[1]) : null;
}
/** A fresh Chromium profile (own user-data dir) whose every non-loopback request is aborted and recorded. */
async function launchProfile(blocked, { rewriteConfig, skipInstalls } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
    locale: 'en-US', timezoneId: 'UTC' });
  await ctx.route('**/*', r => {
    const url = r.request().url();
    if (isLoopbackUrl(url)) return r.continue();
    blocked.add(new URL(url).origin); // the Playground UI asks a CDN for fonts; it works without them
    return r.abort();
  });
  if (rewriteConfig) await ctx.route('**/_internal/v1/config', rewriteConfig);
  if (skipInstalls) await ctx.route(u => installTarget(u) !== null && skipInstalls.has(installTarget(u)), r => r.fulfill({ status: 200, json: {} }));
  const page = ctx.pages()[0] || await ctx.newPage();
  page.setDefaultTimeout(10_000);
  return { ctx, page, close: async () => { await ctx.close().catch(() => {}); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/**
 * §3.2: the UI acts only as config.currentUser; a second profile whose GET /_internal/v1/config is rewritten
 * acts as another user for Action.Execute / Action.Submit clicks (typed messages still come from the
 * practitioner). Member lists must be swapped too or the UI crashes. Load it BEFORE the card is posted:
 * it sees only messages that arrive after it loaded. Approve in a channel or the group chat, not in the
 * personal chat.
 */
function actAs(userId) {
  return async route => {
    const res = await route.fetch();
    const body = await res.json(), c = body.config;
    const me = c.currentUser, i = c.users.findIndex(u => u.id === userId);
    if (i < 0) throw new Error(`no user ${userId} in the Playground config`);
    c.currentUser = c.users[i]; c.users[i] = me;
    const swap = id => (id === userId ? me.id : id);
    for (const x of [...c.groupChats, ...c.teams]) x.members = x.members.map(swap);
    await route.fulfill({ response: res, json: body });
  };
}

// ---- page helpers ----------------------------------------------------------------------------------
const botMessages = page => page.locator(SEL.botMessage);
const cards = page => page.locator(SEL.card);
/** Types into the chat's contenteditable editor and presses Enter (personal or group chat). */
async function send(page, text) {
  const editor = page.locator(SEL.editor).first();
  await editor.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}
/** Waits for a bot message (scoped to .fai-OutputCard) whose text matches; returns its locator. */
async function waitForBotText(page, textOrRegex, { timeout = 10_000, after = 0 } = {}) {
  const msgs = botMessages(page);
  return until(async () => {
    const n = await msgs.count();
    for (let i = n - 1; i >= after; i--) {
      const t = await msgs.nth(i).innerText().catch(() => '');
      if (typeof textOrRegex === 'string' ? t.includes(textOrRegex) : textOrRegex.test(t)) return msgs.nth(i);
    }
    return null;
  }, timeout, `a bot message matching ${textOrRegex}`);
}
/** Switches the left tree to a conversation by its accessible name (see conversations()). */
async function openConversation(page, treeName) {
  await page.getByRole('treeitem', { name: treeName }).click();
}
/** §1.5: fill() into a card input can be lost; click + keyboard.type() is reliable. Retype after each re-render. */
async function typeIntoCardInput(page, input, text) {
  await input.click();
  await page.keyboard.type(text);
}
/** The newest card containing text. */
const cardWith = (page, text) => cards(page).filter({ hasText: text }).last();

// ---- Adaptive Card inputs, set through the rendered card ---------------------------------------------
// The Playground renders cards with Fluent UI controls and generated element ids: an input is found through
// its label (label[for] -> the control), and the card's JSON (from the conversation stream) says which
// kind of control an input id is and which title each choice value has.
//   Input.Text                      <input>/<textarea>: click + keyboard.type (never fill(), §1.5)
//   Input.ChoiceSet expanded        radiogroup of <input type=radio value=…>: check()
//   Input.ChoiceSet expanded multi  group of <input type=checkbox aria-label=title> in choice order: check()
//   Input.ChoiceSet compact         Fluent combobox: click, then the option (role=option) by its title
//   Input.Date                      Fluent DatePicker with text input: focus (no click), type yyyy-mm-dd, Tab
//   Input.Toggle                    <input type=checkbox>: check()/uncheck()
/** Every input of a card's JSON, in order (containers and column sets included; ShowCard cards only if asked). */
function cardInputs(card, { showCards = false } = {}) {
  const out = [];
  const walk = n => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) out.push(n);
    for (const k of ['body', 'items', 'columns', 'card']) if (k !== 'card' || showCards) walk(n[k]);
    if (showCards) walk(n.actions);
  };
  walk(card);
  return out;
}
/** A card's ShowCard action by title, in its actions or in an ActionSet of its body (the approval card keeps
 *  Declare a conflict, Reassign and Details in the body, the decisions in its actions). */
function showCardAction(card, title) {
  const sets = [card.actions || [], ...(card.body || []).filter(e => e.type === 'ActionSet').map(e => e.actions || [])];
  return sets.flat().find(a => a.type === 'Action.ShowCard' && a.title === title);
}
/** The card JSON of a conversation-stream frame (its first Adaptive Card attachment). */
const frameCard = f => (f.message.attachments || []).map(a => a.content).find(c => c && c.type === 'AdaptiveCard');
/** The control an input's label points at (the renderer gives controls generated ids). */
async function inputControl(card, label) {
  const id = await card.evaluate((el, text) => {
    for (const l of el.querySelectorAll('label[for]')) {
      const run = l.querySelector('.ac-textRun');
      if (run && run.textContent.trim() === text) return l.getAttribute('for');
    }
    return null;
  }, label);
  if (!id) throw new Error(`no input labelled "${label}" in the card`);
  return card.locator(`[id="${id}"]`);
}
/** Sets one input (its JSON from the card) to value, as a user would. Multi-select values are comma-separated. */
async function setCardInput(page, card, input, value) {
  let control = await inputControl(card, input.label);
  const title = v => {
    const c = (input.choices || []).find(x => x.value === v);
    if (!c) throw new Error(`${input.id}: no choice ${v}`);
    return c.title;
  };
  switch (input.type) {
    case 'Input.Text': {
      // A card that arrived while another conversation was shown re-renders on its first focus (new element
      // ids, §1.5): find the control again after the click, and check what it holds after typing.
      await control.click();
      control = await inputControl(card, input.label);
      if (!await control.evaluate(e => e === document.activeElement)) await control.click();
      if (await control.inputValue()) await page.keyboard.press('ControlOrMeta+a'); // typing replaces the selection
      await page.keyboard.type(value);
      const got = await (await inputControl(card, input.label)).inputValue();
      if (got !== value) throw new Error(`${input.id}: the box holds "${got}" after typing "${value}"`);
      break;
    }
    case 'Input.Date': {
      // Fluent's DatePicker (text input allowed): a click opens the calendar and traps focus in it, so focus the
      // text box without clicking, type the date, and leave with Tab: the text is parsed on blur.
      await control.focus();
      if (await control.inputValue()) await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
      break;
    }
    case 'Input.Toggle': {
      const box = (await control.evaluate(e => e.tagName)) === 'INPUT' ? control : control.locator('input[type=checkbox]').first();
      if (value === (input.valueOn ?? 'true')) await box.check(); else await box.uncheck();
      break;
    }
    case 'Input.ChoiceSet': {
      if (input.style === 'expanded' && input.isMultiSelect) {
        const boxes = control.locator('input[type=checkbox]');
        for (const v of String(value).split(',').filter(Boolean)) {
          const i = input.choices.findIndex(c => c.value === v);
          const box = boxes.nth(i);
          if (await box.getAttribute('aria-label') !== title(v)) throw new Error(`${input.id}: checkbox ${i} is not "${title(v)}"`);
          await box.check();
        }
      } else if (input.style === 'expanded') {
        await control.locator(`input[type=radio][value="${value}"]`).check();
      } else {
        await control.click();
        await page.getByRole('option', { name: title(value), exact: true }).click();
      }
      break;
    }
    default:
      throw new Error(`${input.id}: cannot set an ${input.type}`);
  }
}
/** Sets every input named in values (id -> value) through the card's controls, in the card's order. */
async function fillCard(page, card, cardJson, values) {
  const inputs = cardInputs(cardJson);
  for (const id of Object.keys(values)) if (!inputs.some(i => i.id === id)) throw new Error(`the card has no input ${id}`);
  for (const input of inputs) if (input.id in values) await setCardInput(page, card, input, values[input.id]);
}
/** What a card's control shows now: text/date value, checked radio values, ticked checkbox labels. */
async function controlValue(card, label) {
  const control = await inputControl(card, label);
  return control.evaluate(e => {
    if (e.matches('input,textarea')) return e.type === 'checkbox' ? String(e.checked) : e.value;
    const ticked = [...e.querySelectorAll('input:checked')];
    return ticked.map(x => x.value && x.value !== 'on' ? x.value : x.getAttribute('aria-label')).join(',');
  });
}
/**
 * The bot-side record of user activities from the Playground's full log stream (§5 /_ws/log/stream):
 * every activity the Playground delivered to the bot, with the bot's HTTP answer.
 */
function delivered(logStream) {
  // Entries are { from, to, request: { body }, response: { statusCode, body } }; from/to name the parties:
  // "Microsoft 365 Agents Playground" -> "User Application" is an activity sent to the bot.
  return logStream.frames.filter(f => f.logAction === 'appendLog' && f.log && f.log.to === 'User Application' &&
    f.log.request && f.log.request.body && typeof f.log.request.body === 'object')
    .map(f => ({ activity: f.log.request.body, status: f.log.response && f.log.response.statusCode, response: f.log.response && f.log.response.body }));
}

// ---- suite -----------------------------------------------------------------------------------------
class Session {
  constructor(name) {
    this.name = name;
    this.dir = path.join(ARTIFACTS, name);
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
    this.passed = 0; this.failed = 0; this.n = 0;
    this.blocked = new Set();
    this.profiles = []; this.streams = [];
    this.skipInstalls = new Set();
  }
  async open() {
    const p = await launchProfile(this.blocked, { skipInstalls: this.skipInstalls });
    this.profiles.push(p);
    this.page = p.page;
    return this;
  }
  /** A second browser profile acting as userId (§3.2), with the same loopback-only routing. */
  async openAs(userId) {
    const p = await launchProfile(this.blocked, { rewriteConfig: actAs(userId), skipInstalls: this.skipInstalls });
    p.as = userId;
    this.profiles.push(p);
    return p.page;
  }
  async stream(p) { const s = await collect(p); this.streams.push(s); return s; }
  /**
   * The UI re-sends install events for every conversation it opens on each page load, and the bot greets a
   * chat once per database. A spec that shares a runner run with welcome-help.spec.js and does not test the
   * greeting calls this before loading a page: the UI's install call for convId is answered by the browser
   * (200) instead of reaching the Playground, so the chat's one greeting is left for the spec that tests it.
   * Applies to every profile of the session, those opened later included.
   */
  skipInstall(convId) { this.skipInstalls.add(convId); }
  /**
   * Viewport screenshots of one card, scrolled through from its top (…-<label>-1.png, -2.png, … when it is taller
   * than the chat pane), numbered with the current step. Never use locator.screenshot() on a card taller than the
   * viewport: Chromium then lays the page out at a bigger size, the card re-renders and loses what was typed.
   */
  async shotCard(label, card, page = this.page) {
    const files = [];
    const box = () => card.evaluate(el => {
      let pane = el.parentElement;
      while (pane && !(pane.scrollHeight > pane.clientHeight && /(auto|scroll)/.test(getComputedStyle(pane).overflowY))) pane = pane.parentElement;
      const r = el.getBoundingClientRect(), p = pane ? pane.getBoundingClientRect() : { top: 0, height: innerHeight };
      return { top: r.top - p.top, bottom: r.bottom - p.top, height: p.height };
    });
    await card.evaluate(el => el.scrollIntoView({ block: 'start' }));
    for (let k = 1; k <= 12; k++) {
      const b = await box();
      const file = path.join(this.dir, `${String(this.n).padStart(2, '0')}-${slug(label)}-${k}.png`);
      await page.screenshot({ path: file }).catch(e => console.log(`  (screenshot failed: ${e.message.split('\n')[0]})`));
      files.push(file);
      if (b.bottom <= b.height) break; // the card's end is visible
      await card.evaluate((el, dy) => {
        let pane = el.parentElement;
        while (pane && !(pane.scrollHeight > pane.clientHeight && /(auto|scroll)/.test(getComputedStyle(pane).overflowY))) pane = pane.parentElement;
        (pane || document.scrollingElement).scrollBy(0, dy);
      }, Math.max(100, b.height - 120));
    }
    return files;
  }
  async shot(label, page = this.page, suffix = '') {
    const file = path.join(this.dir, `${String(this.n).padStart(2, '0')}-${slug(label)}${suffix}.png`);
    await page.screenshot({ path: file }).catch(e => console.log(`  (screenshot failed: ${e.message.split('\n')[0]})`));
    return file;
  }
  /** Runs one counted step, with a timeout; screenshots every page after it (…-FAILED.png on failure). */
  async step(name, fn) {
    this.n++;
    const t0 = Date.now();
    let timer;
    try {
      await Promise.race([fn(this.page), new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`step timed out after ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS); })]);
      this.passed++;
      console.log(`ok   ${this.n}. ${name} (${Date.now() - t0} ms)`);
      await this.shotAll(name);
      return true;
    } catch (e) {
      this.failed++;
      console.log(`FAIL ${this.n}. ${name} (${Date.now() - t0} ms): ${String(e && e.message || e).split('\n')[0]}`);
      await this.shotAll(name, '-FAILED');
      return false;
    } finally { clearTimeout(timer); }
  }
  /** One screenshot per open profile: the first is NN-<label>.png, the others NN-<label>-<their user id>.png. */
  async shotAll(label, suffix = '') {
    const profiles = this.profiles.filter(p => !p.page.isClosed());
    for (let i = 0; i < profiles.length; i++) await this.shot(label, profiles[i].page, `${suffix}${i ? `-${profiles[i].as || `user${i + 1}`}` : ''}`);
  }
  async finish() {
    for (const s of this.streams) s.close();
    for (const p of this.profiles) await p.close();
    console.log(`browser requests aborted (not loopback): ${[...this.blocked].join(', ') || 'none'}`);
    console.log(`screenshots: ${path.relative(process.cwd(), this.dir) || this.dir}/`);
    console.log(`${this.passed} passed, ${this.failed} failed`);
    return this.failed ? 1 : 0;
  }
}

/** Runs a spec body with a Session; a crash outside a step counts as one failure. Sets the exit code. */
function run(body, name = process.env.E2E_SPEC || path.basename(require.main.filename, '.spec.js')) {
  const s = new Session(name);
  (async () => {
    try { await s.open(); await body(s); } catch (e) {
      s.failed++; console.log(`FAIL ${name} crashed: ${e && e.stack || e}`);
    }
    process.exitCode = await s.finish();
  })().catch(e => { console.log(`FAIL ${name}: ${e}`); console.log(`${s.passed} passed, ${s.failed + 1} failed`); process.exitCode = 1; });
}

// ---- a routine request, and the approvers' channel (shared by specs that need real requests) ---------------------
/**
 * The answers of a routine request that any approver may decide (no DPO or Prevent lead routing), keyed by step, then
 * by the input ids of src/InfoSharing.Bot/Dialog/FieldIds.cs.
 */
const routineAnswers = caseRef => [
  { immediateDanger: 'no' },
  { matterType: 'safeguarding-child', direction: 'proposed', caseReference: caseRef, subjectType: 'child', atRisk: 'child' },
  { categories: 'offending-history,emotional-mental-health', itemsDescription: 'The two most recent referral summaries and the attendance record for this term.',
    specialCategoryContent: 'health', criminalOffenceContent: 'yes', identifiesOthers: 'no', containsOpinion: 'yes' },
  { recipientType: 'la-childrens-social-care', recipientRole: 'Duty team', recipientVerified: 'yes', agreementStatus: 'yes', secureMethod: 'secure-email' },
  { purposes: 'child-protection-referral', expectedOutcome: 'The duty team can decide whether a strategy discussion is needed.',
    riskIfNotShared: 'A risk of significant harm may go unassessed and escalate.', minimisation: 'no' },
  { article6Basis: 'public-task', statutoryFunction: 'children-act-2004-s11', article9Condition: 'sch1-para18', criminalOffenceCondition: 'co-sch1-para18' },
  { necessity_necessary: 'yes', 'necessity_recipient-needs': 'yes', necessity_accurate: 'yes', necessity_relevant: 'yes',
    justification: 'The duty team needs the referral summaries to assess the risk of harm, and nothing more than that is shared.' },
  { informed: 'after', consentReasons: 'increase-risk' },
  { advice: 'not-needed', deadline: 'within-one-working-day' },
  { declaration: 'true' },
];
/**
 * Runs "new request" to "Submitted as ISR-…" as fromId in the personal chat through the Playground's HTTP API, watching
 * the conversation stream (opened before); returns the reference.
 */
async function submitRequest(stream, personalId, fromId, answers) {
  let consumed = stream.frames.length;
  const next = (pred, what) => until(() => {
    const i = stream.frames.findIndex((f, k) => k >= consumed && pred(f));
    if (i < 0) return null;
    consumed = i + 1;
    return stream.frames[i];
  }, 15_000, what);
  await api.message(personalId, 'new request');
  for (const values of answers) {
    const f = await next(x => x.action === 'createMessage' && x.actionConversationId === personalId && frameCard(x) &&
      frameCard(x).actions && frameCard(x).actions[0].data && frameCard(x).actions[0].data.action === 'submit', 'the next dialog card');
    const card = frameCard(f);
    const errors = card.body.filter(e => typeof e.id === 'string' && e.id.endsWith('_error')).map(e => `${e.id}: ${e.text}`);
    if (errors.length) throw new Error(`the bot refused an answer: ${errors.join('; ')}`);
    await api.submit({ from: fromId, conversationId: personalId, replyToId: f.message.messageId, value: { ...card.actions[0].data, ...values } });
  }
  const done = await next(x => x.action === 'createMessage' && /Submitted as \*\*ISR-\d{4}-\d{4}\*\*/.test(x.message.text || ''), 'Submitted as ISR-…');
  return /ISR-\d{4}-\d{4}/.exec(done.message.text)[0];
}
/** In the channel shown on page, a new post mentioning the bot (picked from the @ typeahead): "register approvers". */
async function registerApprovers(page, stream, botName) {
  await page.getByRole('textbox').first().click();
  await page.keyboard.type('@InfoS');
  await page.getByRole('menuitem', { name: botName }).click();
  await page.keyboard.type(' register approvers');
  await page.getByRole('button', { name: 'Post' }).click();
  await stream.until(f => f.action === 'createMessage' && (f.message.text || '').startsWith("This channel is now the approvers' channel"), 10_000, 'the registration reply');
}

/**
 * Loads the Playground in the session's page (A, the practitioner) and in a second profile acting as approver (B,
 * playground notes §3.2), checks each shows its user, and opens the channel (tree name) in both; returns B.
 */
async function openPractitionerAndApprover(s, practitioner, approver, channelTree) {
  const load = async page => {
    await page.goto(`${PG_BASE}/`, { timeout: 60000 });
    await page.locator(SEL.editor).first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Toggle Log Panel' }).click(); // contenteditable, repeats texts
  };
  await load(s.page);
  const B = await s.openAs(approver.id);
  await load(B);
  for (const [page, who] of [[s.page, practitioner.name], [B, approver.name]]) {
    await page.getByText(who, { exact: true }).first().waitFor();
    await openConversation(page, channelTree);
    await page.getByText('Start a new post').first().waitFor();
  }
  return B;
}

module.exports = {
  showCardAction,
  PG_BASE, BOT_BASE, ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, SEL,
  api, conversations, collect, frameText, until, sleep,
  launchProfile, actAs, botMessages, cards, cardWith, send, waitForBotText, openConversation, typeIntoCardInput,
  cardInputs, frameCard, inputControl, setCardInput, fillCard, controlValue, delivered,
  routineAnswers, submitRequest, registerApprovers, openPractitionerAndApprover,
  Session, run,
};
