// Issue 12: approve in part (domain.md §7.1) in Microsoft's Teams emulator (Agents Playground), against the real bot.
//   - The practitioner submits a request for two kinds of information (emotional and mental health; family and
//     personal relationships) to children's social care.
//   - The approver (Arnold Approver, a second browser profile) opens "Approve in part" on the channel card, unticks
//     family relationships, writes what was left out and why, and confirms: the bot receives exactly the ticked values.
//   - Everyone's card is PUT to "Approved in part by Arnold Approver: …; not approved: …", without the note.
//   - The practitioner is told what was approved and what was not; the outcome form offers only what was approved;
//     "Start a new request for what was not approved" opens a new draft, linked to the original, asking only for the
//     rest; submitted, its card tells the approvers it asks for more than the original approved.
// Run: e2e/run-in-netns.sh e2e/partial-approval.spec.js      Screenshots: artifacts/e2e/partial-approval/
'use strict';
const { run, api, conversations, waitForBotText, cardWith, openConversation, frameText, delivered, until, PG_BASE } = require('./lib');
const { cardsOf, nodes, frame, submitAs, typeInto, submitRequest } = require('./safeguarding-lib');

const PRACTITIONER = 'user-practitioner';
const APPROVER = 'user-approver';
const RUN = String(Date.now()).slice(-6);
const NOTE = `The family relationships are not needed for this referral: share the health summary only (run ${RUN}).`;
const KEPT = 'Emotional and mental health';
const LEFT_OUT = 'Family and personal relationships';

const assert = (ok, message) => { if (!ok) throw new Error(message); };
const show = locator => locator.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => {});
/** The choices of a card's multi-select with this id (in the newest card of a frame). */
const choiceSet = (f, id) => {
  for (const c of cardsOf(f)) for (const n of nodes(c)) if (n.type === 'Input.ChoiceSet' && n.id === id) return n;
  throw new Error(`no Input.ChoiceSet '${id}' in message ${f.message.messageId}`);
};

run(async s => {
  const page = s.page; // the practitioner
  const conv = conversations(await api.config());
  const personal = conv.personal.id;
  const channel = conv.channels.Approvals;
  const stream = await s.stream();
  const log = await s.stream('/_ws/log/stream');
  let approver, ref, cardFrame;

  await s.step('setup: the practitioner and the approver (second profile) in the approvers\' channel', async () => {
    await page.goto(`${PG_BASE}/`);
    await waitForBotText(page, 'Welcome to InfoSharing', { timeout: 30_000 });
    approver = await s.openAs(APPROVER);
    await approver.goto(`${PG_BASE}/`);
    await openConversation(approver, channel.tree);
    for (const p of [page, approver]) await p.getByRole('button', { name: 'Toggle Log Panel' }).click().catch(() => {});
    await frame(stream, channel.id, 'InfoSharing is in this team', 20_000);
  });

  await s.step('the practitioner submits a request for two kinds of information; its card offers "Approve in part", all ticked', async () => {
    ref = await submitRequest(stream, personal, PRACTITIONER);
    cardFrame = await frame(stream, channel.id, `Information sharing request ${ref}`);
    const ticks = choiceSet(cardFrame, 'inPartCategories');
    const all = ticks.choices.map(c => c.value).sort().join(',');
    assert(ticks.isMultiSelect && all === 'emotional-mental-health,family-relationships' && ticks.value.split(',').sort().join(',') === all,
      `the categories are not all ticked: ${JSON.stringify(ticks)}`);
    await cardWith(approver, `Information sharing request ${ref}`).waitFor({ timeout: 15_000 });
  });

  await s.step('the approver opens Approve in part, unticks family relationships, writes why and confirms', async () => {
    const card = cardWith(approver, `Information sharing request ${ref}`);
    await card.getByRole('button', { name: 'Approve in part', exact: true }).click();
    // The opened ShowCard renders below the card's body: its inputs are found on the page (this is its only card with them).
    const box = approver.locator(`input[type=checkbox][aria-label="${LEFT_OUT}"]`);
    await box.waitFor();
    assert(await box.isChecked(), 'family relationships is not ticked by default');
    await box.uncheck();
    assert(await approver.locator(`input[type=checkbox][aria-label="${KEPT}"]`).isChecked(), 'health is not ticked');
    await typeInto(approver, approver, /What was left out, and why/, NOTE);
    const confirm = approver.getByRole('button', { name: 'Confirm approval in part', exact: true });
    await show(confirm);
    await s.shot('approver-unticked', approver);
    await confirm.click();
    const d = await until(() => delivered(log).find(x => x.activity.type === 'invoke' && x.activity.replyToId === cardFrame.message.messageId &&
      x.activity.value.action.verb === 'approveInPart' && x.response !== undefined), 10_000, 'the bot to receive approveInPart');
    const data = d.activity.value.action.data;
    assert(d.activity.from.id === APPROVER, `the invoke came from ${d.activity.from.id}`);
    assert(data.inPartCategories === 'emotional-mental-health', `the bot got categories ${data.inPartCategories}`);
    assert(data.inPartNote === NOTE, `the bot got the note ${data.inPartNote}`);
    await cardWith(approver, `Approved in part by Arnold Approver`).waitFor({ timeout: 15_000 });
  });

  await s.step('the card is PUT for everyone: "approved in part", what was not approved, never the note', async () => {
    const put = await until(() => stream.frames.find(f => f.action === 'updateMessage' && f.message.messageId === cardFrame.message.messageId &&
      frameText(f).includes('Approved in part by Arnold Approver')), 15_000, 'the PUT of the card');
    const text = frameText(put);
    assert(text.includes(`not approved: ${LEFT_OUT}`), 'the card does not say what was not approved');
    assert(!text.includes(NOTE), 'the note reached the channel card');
    await openConversation(page, channel.tree);
    const card = cardWith(page, `Approved in part by Arnold Approver`);
    await card.waitFor({ timeout: 15_000 });
    assert(!(await card.getByRole('button', { name: 'Approve in part', exact: true }).count()), 'the decided card still has buttons');
    await show(card);
  });

  await s.step('the practitioner is told what was approved and what was not, and that more needs a new request', async () => {
    await openConversation(page, conv.personal.tree);
    const notice = await frame(stream, personal, `${ref}** (case`);
    const text = frameText(notice);
    assert(text.includes('approved in part') && text.includes(`Not approved: ${LEFT_OUT}`) && text.includes(NOTE), `the notice says: ${text.slice(0, 400)}`);
    await waitForBotText(page, `Not approved: ${LEFT_OUT}`, { timeout: 15_000 });
    await cardWith(page, 'Start a new request for what was not approved').first().waitFor();
  });

  await s.step('the outcome form offers only what was approved', async () => {
    const form = await frame(stream, personal, `What happened with ${ref}?`);
    const categories = choiceSet(form, 'ocCategories');
    assert(categories.choices.length === 1 && categories.choices[0].value === 'emotional-mental-health', `the form offers ${JSON.stringify(categories.choices)}`);
    assert(frameText(form).includes(`Not approved: ${LEFT_OUT}`), 'the form does not say what was not approved');
    await cardWith(page, `What happened with ${ref}?`).waitFor();
  });

  await s.step('the practitioner starts a new request for the rest: filled in, linked to the original, only what was left out', async () => {
    const offer = cardWith(page, `${ref} was approved in part`);
    await offer.getByRole('button', { name: 'Start a new request for what was not approved', exact: true }).click();
    await waitForBotText(page, `A new request linked to ${ref}`, { timeout: 15_000 });
    const review = await frame(stream, personal, `beyond what ${ref} approved`);
    const text = frameText(review);
    assert(text.includes(LEFT_OUT), `the new draft does not ask for the rest: ${text.slice(0, 600)}`);
    const mark = stream.frames.length;
    await submitAs(PRACTITIONER, personal, review, 'submit', { declaration: 'true' });
    const next = frameText(await frame(stream, personal, /Submitted as \*\*ISR-/, 15_000, mark)).match(/ISR-\d{4}-\d{4}/)[0];
    const posted = await frame(stream, channel.id, `Information sharing request ${next}`);
    assert(frameText(posted).includes(`beyond what ${ref} approved`), 'the approvers are not told what the new request follows');
  });
});
