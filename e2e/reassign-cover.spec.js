// Issue 12: hand on, conflict and cover in the Teams emulator (the Agents Playground), two people at two browsers.
//   - The practitioner (profile A, Paula Practitioner) registers the Approvals channel and submits two routine requests
//     (the dialog through the Playground's HTTP API, as in e2e/approvals.spec.js).
//   - The approver (profile B, Arnold Approver) hands the first one on with the card's Reassign (a choice of only those
//     who may decide it): the bot's reply in the card's thread @mentions Megan Bowen (a mention entity with her user
//     id), and A's card is PUT with "handed the request on" in its history.
//   - B declares a conflict on the second: the thread is told who may still decide it (mentioned), and B's own
//     Approve is then refused.
//   - B types "away until <date> cover Adele Vance" to the bot in a thread of the channel (a raw Teams message from
//     Arnold: the Playground types only as its own user): recorded; then "back": ended.
// Run: e2e/run-in-netns.sh e2e/reassign-cover.spec.js      Screenshots: artifacts/e2e/reassign-cover/NN-*.png
'use strict';
const { run, api, conversations, frameText, frameCard, cardInputs, setCardInput, delivered, until, openConversation,
  SEL, routineAnswers, openPractitionerAndApprover, submitRequest, registerApprovers, showCardAction } = require('./lib');

const RUN = String(Date.now()).slice(-6);
const BOT_NAME = 'InfoSharing Bot'; // = bot.name in tools/playground.yml
const APPROVER = { id: 'user-approver', name: 'Arnold Approver', oid: 'aaaaaaaa-0000-0000-0000-000000000002' };
const PRACTITIONER = { id: 'user-practitioner', name: 'Paula Practitioner' };
const MEGAN = { id: 'user-id-1', name: 'Megan Bowen', oid: 'aaaaaaaa-0000-0000-0000-000000000003' }; // the deputy (appsettings.Development.json)
const ADELE = { id: 'user-id-2', name: 'Adele Vance' };
const UNTIL = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);
const CONFLICT_REFUSAL = 'You declared a conflict of interest on this request, so another approver must decide it.';

run(async s => {
  const A = s.page; // the practitioner
  const conv = conversations(await api.config());
  const personal = conv.personal;
  const channel = conv.channels.Approvals;
  s.skipInstall(personal.id);
  const stream = await s.stream(); // bot messages
  const log = await s.stream('/_ws/log/stream'); // what the bot received, and its answers
  let B;

  const approvalCard = (page, ref) => page.locator(SEL.card).filter({ hasText: `Information sharing request ${ref}` }).filter({ visible: true }).last();
  const cardShows = (page, ref, text, ms = 15_000) => until(async () => (await approvalCard(page, ref).innerText().catch(() => '')).includes(text),
    ms, `the card of ${ref} to show ${text}`);
  const invokeFrom = (userId, verb, cardId) => until(() => delivered(log).find(d => d.activity.type === 'invoke' &&
    d.activity.replyToId === cardId && d.activity.from.id === userId && d.activity.value.action.verb === verb && d.response !== undefined),
  10_000, `the bot to receive "${verb}" from ${userId}`);
  const banner = (page, text) => page.getByLabel('Display Invoked Message').filter({ hasText: text }).first();
  const threadOf = ref => stream.until(f => f.action === 'createMessage' && f.actionConversationId === channel.id &&
    f.message.postConversationId && frameText(f).includes(`Information sharing request ${ref}`), 20_000, `the approval card of ${ref} in the channel`);
  /** The mention entities of a bot message frame, however the stream names them. */
  const mentionsOf = f => (f.message.mentions || f.message.entities || []).filter(m => m && m.mentioned);
  /** Opens an Action.ShowCard and sets its inputs through the UI; returns its confirm action. */
  const openAndFill = async (page, card, cardJson, showTitle, values) => {
    const show = showCardAction(cardJson, showTitle);
    if (!show) throw new Error(`the card has no ${showTitle}`);
    const sub = card.getByRole('button', { name: showTitle, exact: true });
    if (await sub.getAttribute('aria-expanded') !== 'true') await sub.click();
    for (const input of cardInputs(show.card)) if (input.id in values) await setCardInput(page, card, input, values[input.id]);
    return show.card.actions[0];
  };
  /**
   * B (Arnold) types a command to the bot in a thread of the channel. The Playground sends typed messages as its
   * currentUser only (playground notes §3.1), so the message is the raw activity a Teams client sends, from Arnold,
   * through /_internal/v1/customActivities (built on the Playground's own template); returns the bot's reply frame.
   */
  const typeAsApprover = async (thread, text, reply) => {
    const template = await api.template(channel.id, 'install');
    const t = template.activity || template;
    const mention = { type: 'mention', text: `<at>${BOT_NAME}</at>`, mentioned: { id: t.recipient.id, name: BOT_NAME } };
    const { membersAdded, membersRemoved, action, ...rest } = t; // eslint-disable-line no-unused-vars
    await api.customActivity({
      ...rest, type: 'message', id: `cmd-${RUN}-${Date.now()}`, text: `<at>${BOT_NAME}</at> ${text}`, textFormat: 'plain',
      from: { id: APPROVER.id, name: APPROVER.name, aadObjectId: APPROVER.oid }, conversation: { ...t.conversation, id: thread },
      entities: [mention],
    });
    const got = await until(() => delivered(log).find(d => d.activity.type === 'message' && (d.activity.text || '').endsWith(text)), 10_000, `the bot to receive "${text}"`);
    if (got.activity.from.id !== APPROVER.id) throw new Error(`the command came from ${JSON.stringify(got.activity.from)}`);
    return stream.until(f => f.action === 'createMessage' && (f.message.text || '').includes(reply), 15_000, `the reply "${reply}"`);
  };

  if (!await s.step('both profiles load: A is Paula Practitioner, B is Arnold Approver; both open the Approvals channel', async () => {
    B = await openPractitionerAndApprover(s, PRACTITIONER, APPROVER, channel.tree);
  })) return;

  if (!await s.step('A registers the channel', async () => registerApprovers(A, stream, BOT_NAME))) return;

  const requests = {};
  if (!await s.step('the practitioner submits two routine requests; each card offers Reassign with only those who may decide', async () => {
    for (const [k, scenario] of ['reassign', 'conflict'].entries()) {
      const ref = await submitRequest(stream, personal.id, PRACTITIONER.id, routineAnswers(`CS-${RUN}${k}`));
      const frame = await threadOf(ref);
      requests[scenario] = { ref, thread: frame.message.postConversationId, cardId: frame.message.messageId, json: frameCard(frame) };
      console.log(`  ${scenario}: ${ref}`);
    }
    const show = showCardAction(requests.reassign.json, 'Reassign');
    if (!show) throw new Error('the card has no Reassign');
    const choices = cardInputs(show.card).find(i => i.id === 'reassignTo').choices;
    console.log(`  Reassign offers: ${choices.map(c => c.title).join(', ')}`);
    if (!choices.some(c => c.value === `person:${MEGAN.oid}`)) throw new Error('Megan Bowen (the deputy) is not offered');
    if (choices.some(c => c.title === PRACTITIONER.name)) throw new Error('the requester is offered as a decider');
    for (const page of [A, B]) await cardShows(page, requests.reassign.ref, "Awaiting an approver's decision");
  })) return;

  if (!await s.step('B hands the first request on to Megan Bowen: the thread @mentions her, A\'s card shows the hand-on', async () => {
    const r = requests.reassign;
    const card = approvalCard(B, r.ref);
    const confirm = await openAndFill(B, card, r.json, 'Reassign', { reassignTo: `person:${MEGAN.oid}` });
    await s.shot('B-reassign-chosen', B);
    await card.getByRole('button', { name: confirm.title, exact: true }).click();
    const d = await invokeFrom(APPROVER.id, 'reassign', r.cardId);
    if (d.activity.value.action.data.reassignTo !== `person:${MEGAN.oid}`) throw new Error(`the bot got ${JSON.stringify(d.activity.value.action.data)}`);
    // The invoke answer is the card with the banner; the PUT that follows may replace it at once (no banner), so the
    // banner is checked in the answer and the history on the page.
    if (!JSON.stringify(d.response.value).includes(`Handed on to ${MEGAN.name}`)) throw new Error(`the bot answered ${JSON.stringify(d.response).slice(0, 300)}`);
    await cardShows(B, r.ref, 'handed the request on');
    const notice = await stream.until(f => f.action === 'createMessage' && f.actionConversationId === r.thread &&
      (f.message.text || '').includes(`handed **${r.ref}** on to ${MEGAN.name}`), 15_000, 'the hand-on notice in the thread');
    if (!(notice.message.text || '').includes(`<at>${MEGAN.name}</at>`)) throw new Error(`the notice does not mention Megan: ${notice.message.text}`);
    const mentions = mentionsOf(notice);
    console.log(`  mentions: ${JSON.stringify(mentions)}`);
    if (!mentions.some(m => m.mentioned.id === MEGAN.id)) throw new Error(`the notice carries no mention entity of ${MEGAN.id}`);
    await cardShows(A, r.ref, 'handed the request on'); // the PUT
    await A.getByText(`on to ${MEGAN.name} to decide`).first().scrollIntoViewIfNeeded();
    await s.shot('A-thread-with-mention', A);
  })) return;

  if (!await s.step('B declares a conflict on the second request: the thread is told who may still decide; B may no longer approve it', async () => {
    const r = requests.conflict;
    const card = approvalCard(B, r.ref);
    const confirm = await openAndFill(B, card, r.json, 'Declare a conflict', { conflictNote: `Related to the family (run ${RUN}).` });
    await card.getByRole('button', { name: confirm.title, exact: true }).click();
    await invokeFrom(APPROVER.id, 'conflict', r.cardId);
    const notice = await stream.until(f => f.action === 'createMessage' && f.actionConversationId === r.thread &&
      (f.message.text || '').includes('declared a conflict of interest'), 15_000, 'the conflict notice in the thread');
    if (!notice.message.text.includes('Who may decide it:')) throw new Error(`the notice says ${notice.message.text}`);
    if (mentionsOf(notice).some(m => m.mentioned.id === APPROVER.id)) throw new Error('the notice mentions the conflicted approver');
    if (!mentionsOf(notice).some(m => m.mentioned.id === MEGAN.id)) throw new Error('the notice does not mention the deputy');
    await cardShows(B, r.ref, 'declared a conflict of interest');
    const again = approvalCard(B, r.ref);
    const approve = await openAndFill(B, again, r.json, 'Approve', {});
    await again.getByRole('button', { name: approve.title, exact: true }).click();
    const d = await invokeFrom(APPROVER.id, 'approve', r.cardId);
    if (d.response.value !== CONFLICT_REFUSAL) throw new Error(`the bot answered ${JSON.stringify(d.response).slice(0, 300)}`);
    await banner(B, CONFLICT_REFUSAL).waitFor();
    await s.shot('B-conflict-refused', B);
  })) return;

  if (!await s.step(`B types "away until ${UNTIL} cover Adele Vance" to the bot in a thread: recorded; then "back": ended`, async () => {
    const thread = requests.reassign.thread;
    const away = await typeAsApprover(thread, `away until ${UNTIL} cover ${ADELE.name}`, `and ${ADELE.name} covers for you.`);
    if (away.actionConversationId !== thread) throw new Error(`the reply went to ${away.actionConversationId}`);
    await A.getByText(`${ADELE.name} covers for you`, { exact: false }).first().scrollIntoViewIfNeeded();
    await s.shot('A-away-recorded-in-thread', A);
    await typeAsApprover(thread, 'back', `Welcome back: ${ADELE.name} no longer covers for you`);
    await A.getByText(`Welcome back: ${ADELE.name}`, { exact: false }).first().scrollIntoViewIfNeeded();
    await s.shot('A-back-in-thread', A);
  })) return;
});
