// Helpers for e2e/safeguarding.spec.js (emergency, advice, outcome, reminders). Shared helpers stay in ./lib.
'use strict';
const { api, until, frameText, typeIntoCardInput, BOT_BASE } = require('./lib');

/** Adaptive Cards of a stream frame's message. */
const cardsOf = f => ((f.message && f.message.attachments) || [])
  .filter(a => a.contentType === 'application/vnd.microsoft.card.adaptive').map(a => a.content);

/** Every node of a card, depth first. */
function* nodes(n) {
  if (Array.isArray(n)) { for (const x of n) yield* nodes(x); return; }
  if (!n || typeof n !== 'object') return;
  yield n;
  for (const v of Object.values(n)) if (v && typeof v === 'object') yield* nodes(v);
}

/** The Action.Submit of a card whose data.action is action. */
function submitOf(card, action) {
  for (const n of nodes(card)) if (n.type === 'Action.Submit' && n.data && n.data.action === action) return n;
  throw new Error(`no Action.Submit '${action}' on the card`);
}

/** The newest bot message (create or update) in convId whose text or cards match; waits up to ms. */
async function frame(stream, convId, match, ms = 15_000, after = 0) {
  const test = typeof match === 'string' ? t => t.includes(match) : t => match.test(t);
  return until(() => {
    const mine = stream.frames.slice(after).filter(f => (f.action === 'createMessage' || f.action === 'updateMessage')
      && (f.actionConversationId === convId || (f.message && f.message.postConversationId === convId)));
    for (let i = mine.length - 1; i >= 0; i--) if (test(frameText(mine[i]))) return mine[i];
    return null;
  }, ms, `a bot message in ${convId} matching ${match}`);
}

/** Every frame of a channel thread (new posts and replies). */
const threadFrames = (stream, threadId) => stream.frames.filter(f => f.actionConversationId === threadId
  || (f.message && f.message.postConversationId === threadId));

/** Clicks a card's Action.Submit through the Playground's API as the practitioner, merging inputs into its data. */
async function submitAs(from, conversationId, f, action, inputs = {}) {
  const card = cardsOf(f).find(c => { try { submitOf(c, action); return true; } catch { return false; } });
  if (!card) throw new Error(`no card with '${action}' in message ${f.message.messageId}`);
  const value = { ...submitOf(card, action).data, ...inputs };
  await api.submit({ from, conversationId, replyToId: f.message.messageId, value });
}

/** Moves the bot's Development clock (Safeguarding:DevelopmentClock): { advanceMinutes } or { reset: true }. */
async function devClock(body) {
  const res = await fetch(`${BOT_BASE}/_dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST /_dev/clock -> ${res.status}`);
  return res.json();
}

// ---- card inputs in the Playground's renderer (Fluent UI) ------------------------------------------------
/** A radio button of the radio group whose label matches. */
const radio = (card, group, option) => card.getByRole('radiogroup', { name: group }).getByRole('radio', { name: option, exact: true });
/** Types into the text input or text area whose label matches. */
async function typeInto(page, card, label, text) {
  const input = card.getByLabel(label).first();
  await input.click();
  await input.press('Control+a');
  await page.keyboard.type(text);
}
/** Ticks the checkbox whose name matches. */
const tick = (card, name) => card.getByRole('checkbox', { name }).check();
/** Picks an option of a compact choice set (a combobox; its list opens outside the card). */
async function pick(page, card, label, option) {
  await card.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The UK date (yyyy-MM-dd) and time (HH:mm) now, as the cards' date and time inputs send them. */
function ukNow() {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date()).map(p => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Valid dialog answers (steps 0-8) that route to an ordinary approver: as the .NET transcript tests use. */
function stepValues(step) {
  return [
    { immediateDanger: 'no' },
    { matterType: 'safeguarding-child', direction: 'proposed', caseReference: 'CS-123456', subjectType: 'child', atRisk: 'child' },
    { categories: 'emotional-mental-health,family-relationships', itemsDescription: 'The two most recent referral summaries and the attendance record for this term.',
      specialCategoryContent: 'health', criminalOffenceContent: 'no', identifiesOthers: 'yes', othersProtection: "The informant's details will be removed before sharing.", containsOpinion: 'yes' },
    { recipientType: 'la-childrens-social-care', recipientRole: 'MASH duty team', recipientVerified: 'yes', agreementStatus: 'yes', secureMethod: 'secure-portal' },
    { purposes: 'child-protection-referral', expectedOutcome: "Children's social care can assess the risk and decide on a strategy meeting.",
      riskIfNotShared: 'The risk at home may go unassessed and the child may be harmed.', minimisation: 'no' },
    { article6Basis: 'public-task', statutoryFunction: 'children-act-2004-s11', article9Condition: 'sch1-para18' },
    { necessity_necessary: 'yes', 'necessity_recipient-needs': 'yes', necessity_accurate: 'yes', necessity_relevant: 'yes',
      justification: 'Sharing the referral summaries with the MASH is needed for them to assess the risk, and nothing more is shared.' },
    { informed: 'after', consentReasons: 'increase-risk' },
    { advice: 'internal', adviserRole: 'Designated Safeguarding Lead', adviceIdentified: 'no', adviceSummary: 'Advised that a referral is proportionate.', deadline: 'within-24-hours' },
  ][step];
}

/** A whole request through the dialog, by the cards' own Submit buttons (API), from "new request" to submitted. */
async function submitRequest(stream, personal, from = 'user-practitioner') {
  const before = stream.frames.length;
  await api.message(personal, 'new request');
  let f = await frame(stream, personal, 'Before you start', 15_000, before);
  for (let step = 0; step <= 8; step++) {
    const mark = stream.frames.length;
    await submitAs(from, personal, f, 'submit', stepValues(step));
    f = await frame(stream, personal, step < 8 ? `Step ${step + 1} of 9` : 'Check and submit', 15_000, mark);
  }
  const mark = stream.frames.length;
  await submitAs(from, personal, f, 'submit', { declaration: 'true' });
  const done = await frame(stream, personal, /Submitted as \*\*ISR-\d{4}-\d{4}/, 15_000, mark);
  return frameText(done).match(/ISR-\d{4}-\d{4}/)[0];
}

module.exports = { ukNow, cardsOf, nodes, submitOf, frame, threadFrames, submitAs, devClock, radio, typeInto, tick, pick, stepValues, submitRequest, typeIntoCardInput };
