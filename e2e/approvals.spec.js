// Issue 4: approvals in the Teams emulator (the Agents Playground), with two people at two browsers.
//   - The practitioner (the Playground's own user, browser profile A) registers the "Safeguarding Team - Approvals"
//     channel by mentioning the bot there, then submits requests (the dialog driven through the Playground's HTTP
//     API to keep it fast: e2e/dialog.spec.js drives the same dialog through the cards).
//   - Each request's approval card arrives as a NEW THREAD in the channel.
//   - The approver (user-approver, Arnold Approver) acts in a SECOND browser profile (B) whose
//     GET /_internal/v1/config is rewritten so that its UI is Arnold's (playground notes §3.2): their clicks on the
//     card's Action.Execute buttons reach the bot from user-approver (checked on the Playground's log stream).
//   - Approve; decline (a short reason refused inline first, then a reason code and a 30+ character reason);
//     ask for more information (the practitioner answers in their chat; the card goes back to pending);
//     and the practitioner, a member of the team roster, is refused when they approve their own request.
//   After each decision the bot PUTs the card: profile A (which did not click) must show the new state, and the
//   practitioner's personal chat shows the outcome.
// Run: e2e/run-in-netns.sh e2e/approvals.spec.js      Screenshots: artifacts/e2e/approvals/NN-*.png
'use strict';
const { run, api, conversations, frameText, frameCard, cardInputs, setCardInput, delivered, until, openConversation,
  waitForBotText, SEL, routineAnswers, openPractitionerAndApprover, showCardAction } = require('./lib');

const RUN = String(Date.now()).slice(-6);
const BOT_NAME = 'InfoSharing Bot'; // = bot.name in tools/playground.yml
const APPROVER = { id: 'user-approver', name: 'Arnold Approver' };
const PRACTITIONER = { id: 'user-practitioner', name: 'Paula Practitioner' };

const CONDITIONS = `Share only the two summaries (run ${RUN}).`;
const SHORT_REASON = 'Not needed.'; // under 30 characters
const DECLINE_CODE = { value: 'not-proportionate', title: 'More information than needed, or to more people than needed' };
const DECLINE_REASON = `The attendance record is not needed for this referral; share the summaries only (run ${RUN}).`;
const QUESTION = `Which of the two summaries does the duty team already hold (run ${RUN})?`;
const ANSWER = `The duty team holds the older summary already, so only the newer one is needed (run ${RUN}).`;
const OWN_REQUEST_REFUSAL = 'You made this request, so you cannot act on it as an approver.';

run(async s => {
  const A = s.page; // the practitioner
  const conv = conversations(await api.config());
  const personal = conv.personal;
  const channel = conv.channels.Approvals;
  s.skipInstall(personal.id); // the personal chat's one greeting is welcome-help.spec.js's to test
  const stream = await s.stream(); // bot messages
  const log = await s.stream('/_ws/log/stream'); // what the bot received, and its answers
  let B; // the approver

  /** The approval card of a request, as rendered on a page (the newest one with its reference). */
  const approvalCard = (page, ref) => page.locator(SEL.card).filter({ hasText: `Information sharing request ${ref}` }).filter({ visible: true }).last();
  /** Waits until the card on a page shows text (for a PUT: no click on that page). */
  const cardShows = (page, ref, text, ms = 15_000) => until(async () => {
    const t = await approvalCard(page, ref).innerText().catch(() => '');
    return typeof text === 'string' ? t.includes(text) : text.test(t);
  }, ms, `the card of ${ref} to show ${text}`);
  /** The invoke the bot received for a card click, checked for its sender. */
  const invokeFrom = async (userId, verb, cardId) => until(() => delivered(log).find(d => d.activity.type === 'invoke' &&
    d.activity.replyToId === cardId && d.activity.from.id === userId && d.activity.value.action.verb === verb && d.response !== undefined),
  10_000, `the bot to receive "${verb}" from ${userId}`);
  /** The banner the Playground shows under a card after an invoke answer (§7). */
  const banner = (page, text) => page.getByLabel('Display Invoked Message').filter({ hasText: text }).first();
  /** Screenshots of a request's card (and its thread below it) on a page, scrolled through: evidence for a step. */
  const shootThread = (label, page, ref) => s.shotCard(label, page.locator('div').filter({ has: approvalCard(page, ref) })
    .filter({ has: page.getByRole('textbox') }).filter({ hasNot: page.getByText('Start a new post') }).last(), page);
  /** Opens an Action.ShowCard of a card and sets its inputs (JSON of the ShowCard's card) through the UI. */
  const openAndFill = async (page, card, cardJson, showTitle, values, shot) => {
    const show = showCardAction(cardJson, showTitle);
    const sub = card.getByRole('button', { name: showTitle, exact: true });
    if (await sub.getAttribute('aria-expanded') !== 'true') await sub.click();
    for (const input of cardInputs(show.card)) if (input.id in values) await setCardInput(page, card, input, values[input.id]);
    const confirm = show.card.actions[0]; // the confirm Action.Execute
    if (shot) {
      await card.getByRole('button', { name: confirm.title, exact: true }).scrollIntoViewIfNeeded();
      await s.shot(shot, page);
    }
    return confirm;
  };

  // ---- the dialog through the Playground's HTTP API --------------------------------------------------
  let consumed = 0;
  const nextBotFrame = (pred, what) => until(() => {
    const i = stream.frames.findIndex((f, k) => k >= consumed && pred(f));
    if (i < 0) return null;
    consumed = i + 1;
    return stream.frames[i];
  }, 15_000, what);
  /** Runs "new request" to "Submitted as ISR-…" as the practitioner; returns the reference. */
  const submitViaApi = async caseRef => {
    consumed = stream.frames.length;
    await api.message(personal.id, 'new request');
    for (const values of routineAnswers(caseRef)) { // a routine request any approver may decide
      const f = await nextBotFrame(x => x.action === 'createMessage' && x.actionConversationId === personal.id && frameCard(x) &&
        frameCard(x).actions && frameCard(x).actions[0].data && frameCard(x).actions[0].data.action === 'submit', 'the next dialog card');
      const card = frameCard(f);
      if (card.body.some(e => typeof e.id === 'string' && e.id.endsWith('_error'))) throw new Error(`the bot refused an answer: ${frameText(f).slice(0, 300)}`);
      await api.submit({ from: PRACTITIONER.id, conversationId: personal.id, replyToId: f.message.messageId, value: { ...card.actions[0].data, ...values } });
    }
    const done = await nextBotFrame(x => x.action === 'createMessage' && /Submitted as \*\*ISR-\d{4}-\d{4}\*\*/.test(x.message.text || ''), 'Submitted as ISR-…');
    return /ISR-\d{4}-\d{4}/.exec(done.message.text)[0];
  };
  /** The approval card's frame for a reference: a new thread in the Approvals channel. */
  const threadOf = ref => stream.until(f => f.action === 'createMessage' && f.actionConversationId === channel.id &&
    f.message.postConversationId && frameText(f).includes(`Information sharing request ${ref}`), 20_000, `the approval card of ${ref} in the channel`);

  // ---- the steps ---------------------------------------------------------------------------------------
  if (!await s.step('both profiles load the Playground: A is Paula Practitioner, B is Arnold Approver; both open the Approvals channel', async () => {
    B = await openPractitionerAndApprover(s, PRACTITIONER, APPROVER, channel.tree);
  })) return;

  if (!await s.step('A registers the channel: a new post mentioning the bot (picked from the @ typeahead) + "register approvers"', async () => {
    const box = A.getByRole('textbox').first();
    await box.click();
    await A.keyboard.type('@InfoS');
    await A.getByRole('menuitem', { name: BOT_NAME }).click();
    await A.keyboard.type(' register approvers');
    await A.getByRole('button', { name: 'Post' }).click();
    const got = await until(() => delivered(log).find(d => d.activity.type === 'message' && /register approvers/.test(d.activity.text || '')),
      10_000, 'the bot to receive the post');
    const m = got.activity;
    if (!m.conversation.id.startsWith(`${channel.id};messageid=`)) throw new Error(`the post went to ${m.conversation.id}`);
    if (!(m.entities || []).some(e => e.type === 'mention' && e.mentioned.name === BOT_NAME)) throw new Error('the post carries no mention of the bot');
    await stream.until(f => f.action === 'createMessage' && (f.message.text || '').startsWith("This channel is now the approvers' channel"), 10_000, 'the registration reply');
    await A.getByText("This channel is now the approvers' channel", { exact: false }).first().waitFor();
  })) return;

  const requests = {}; // scenario -> { ref, caseRef, thread, cardId, frame }
  if (!await s.step('the practitioner submits three requests (dialog through the HTTP API); each card is a new thread in the channel', async () => {
    for (const [k, scenario] of ['approve', 'decline', 'moreinfo'].entries()) {
      const caseRef = `CS-${RUN}${k}`;
      const ref = await submitViaApi(caseRef);
      const frame = await threadOf(ref);
      const thread = frame.message.postConversationId;
      if (thread !== `${channel.id};messageid=${frame.message.messageId}`) throw new Error(`the card of ${ref} is not a thread root: ${thread}`);
      if (Object.values(requests).some(r => r.thread === thread)) throw new Error(`${ref} shares a thread`);
      if (!frameText(frame).includes(caseRef)) throw new Error(`the card of ${ref} does not show ${caseRef}`);
      requests[scenario] = { ref, caseRef, thread, cardId: frame.message.messageId, frame };
      console.log(`  ${scenario}: ${ref} (case ${caseRef}) in thread ${thread}`);
    }
    for (const page of [A, B]) for (const r of Object.values(requests)) await cardShows(page, r.ref, "Awaiting an approver's decision");
    await shootThread('A-first-card-thread', A, requests.approve.ref);
  })) return;
  const cardJson = r => frameCard(r.frame);

  if (!await s.step('A, the requester (in the team roster), clicks Approve on their own request: refused with a banner', async () => {
    const r = requests.approve;
    const card = approvalCard(A, r.ref);
    const confirm = await openAndFill(A, card, cardJson(r), 'Approve', {}, 'A-approve-opened-on-own-request');
    await card.getByRole('button', { name: confirm.title, exact: true }).click();
    const d = await invokeFrom(PRACTITIONER.id, 'approve', r.cardId);
    if (d.response.type !== 'application/vnd.microsoft.activity.message' || d.response.value !== OWN_REQUEST_REFUSAL) {
      throw new Error(`the bot answered ${JSON.stringify(d.response).slice(0, 300)}`);
    }
    await banner(A, OWN_REQUEST_REFUSAL).waitFor();
    await cardShows(A, r.ref, "Awaiting an approver's decision");
    await banner(A, OWN_REQUEST_REFUSAL).scrollIntoViewIfNeeded();
  })) return;

  if (!await s.step('B (Arnold Approver) approves with a condition; A\'s card is PUT to "Approved by Arnold Approver"', async () => {
    const r = requests.approve;
    const card = approvalCard(B, r.ref);
    const confirm = await openAndFill(B, card, cardJson(r), 'Approve', { conditions: CONDITIONS }, 'B-approve-condition-typed');
    await card.getByRole('button', { name: confirm.title, exact: true }).click();
    const d = await invokeFrom(APPROVER.id, 'approve', r.cardId);
    if (d.activity.value.action.data.conditions !== CONDITIONS) throw new Error(`the bot got conditions ${d.activity.value.action.data.conditions}`);
    if (d.activity.from.name !== APPROVER.name) throw new Error(`the invoke came from ${JSON.stringify(d.activity.from)}`);
    await cardShows(B, r.ref, `Approved by ${APPROVER.name}`); // the invoke response
    await stream.until(f => f.action === 'updateMessage' && f.message.messageId === r.cardId && frameText(f).includes(`Approved by ${APPROVER.name}`),
      15_000, 'the PUT of the approved card');
    await cardShows(A, r.ref, `Approved by ${APPROVER.name}`); // A did not click: only the PUT changes its card
    if (await approvalCard(A, r.ref).getByRole('button', { name: 'Approve', exact: true }).count()) throw new Error('the decided card still has buttons');
    await shootThread('B-approved-card', B, r.ref);
    await shootThread('A-approved-card-after-put', A, r.ref);
  })) return;

  if (!await s.step('A\'s personal chat shows that the request was approved', async () => {
    const r = requests.approve;
    await stream.until(f => f.action === 'createMessage' && f.actionConversationId === personal.id && (f.message.text || '').includes(`**${r.ref}**`) &&
      f.message.text.includes('was **approved**'), 15_000, 'the approval notice');
    await openConversation(A, personal.tree);
    await waitForBotText(A, new RegExp(`${r.ref}.*was approved by ${APPROVER.name}`), { timeout: 10_000 });
    await waitForBotText(A, CONDITIONS);
  })) return;

  if (!await s.step('B declines with a reason code and a too-short reason: the card shows the error inline, nothing is decided', async () => {
    const r = requests.decline;
    await openConversation(A, channel.tree);
    const card = approvalCard(B, r.ref);
    const confirm = await openAndFill(B, card, cardJson(r), 'Decline', { declineReasonCode: DECLINE_CODE.value, declineReason: SHORT_REASON }, 'B-decline-short-reason-typed');
    await card.getByRole('button', { name: confirm.title, exact: true }).click();
    const d = await invokeFrom(APPROVER.id, 'decline', r.cardId);
    if (d.response.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`the bot answered ${d.response.type}`);
    const error = 'Explain the decision in at least 30 characters';
    if (!JSON.stringify(d.response.value).includes(error)) throw new Error('the answer card has no reason error');
    await cardShows(B, r.ref, 'Please correct the highlighted field.');
    const again = approvalCard(B, r.ref);
    const decline = again.getByRole('button', { name: 'Decline', exact: true });
    if (await decline.getAttribute('aria-expanded') !== 'true') await decline.click();
    await again.getByText(error).first().waitFor();
    await again.getByText(error).first().evaluate(el => el.scrollIntoView({ block: 'center' }));
    r.errorCard = d.response.value; // what B's card is now
    await cardShows(A, r.ref, "Awaiting an approver's decision");
  })) return;

  if (!await s.step('B retypes a 30+ character reason and confirms: "Declined by Arnold Approver" for everyone', async () => {
    const r = requests.decline;
    const card = approvalCard(B, r.ref);
    const confirm = await openAndFill(B, card, r.errorCard, 'Decline', { declineReasonCode: DECLINE_CODE.value, declineReason: DECLINE_REASON }, 'B-decline-long-reason-typed');
    await card.getByRole('button', { name: confirm.title, exact: true }).click();
    await until(() => delivered(log).find(x => x.activity.type === 'invoke' && x.activity.replyToId === r.cardId &&
      x.activity.value.action.data.declineReason === DECLINE_REASON && x.response !== undefined), 10_000, 'the bot to receive the long reason');
    const want = `Declined by ${APPROVER.name}`;
    await cardShows(B, r.ref, want);
    await cardShows(A, r.ref, want);
    await cardShows(A, r.ref, DECLINE_CODE.title);
    const t = await approvalCard(A, r.ref).innerText();
    if (t.includes(DECLINE_REASON)) throw new Error('the reason text is shown in the channel');
    await shootThread('B-declined-card', B, r.ref);
    await shootThread('A-declined-card-after-put', A, r.ref);
  })) return;

  if (!await s.step('A\'s personal chat shows that the request was declined, with the reason', async () => {
    const r = requests.decline;
    await openConversation(A, personal.tree);
    await waitForBotText(A, new RegExp(`${r.ref}.*was declined by ${APPROVER.name}`), { timeout: 15_000 });
    await waitForBotText(A, DECLINE_REASON);
  })) return;

  if (!await s.step('B asks for more information; the card shows it for everyone; A\'s chat gets the question card', async () => {
    const r = requests.moreinfo;
    await openConversation(A, channel.tree);
    const card = approvalCard(B, r.ref);
    const confirm = await openAndFill(B, card, cardJson(r), 'Ask for more information', { question: QUESTION }, 'B-question-typed');
    await card.getByRole('button', { name: confirm.title, exact: true }).click();
    const d = await invokeFrom(APPROVER.id, confirm.verb, r.cardId);
    if (d.activity.value.action.data.question !== QUESTION) throw new Error(`the bot got question ${d.activity.value.action.data.question}`);
    await cardShows(B, r.ref, 'More information requested from the practitioner');
    await cardShows(A, r.ref, 'More information requested from the practitioner');
    await stream.until(f => f.action === 'createMessage' && f.actionConversationId === personal.id && frameText(f).includes(`More information needed for ${r.ref}`),
      15_000, 'the question card in the personal chat');
    await shootThread('A-more-info-requested-card-after-put', A, r.ref);
  })) return;

  if (!await s.step('A answers in the personal chat; the bot thanks them', async () => {
    const r = requests.moreinfo;
    await openConversation(A, personal.tree);
    const frame = stream.frames.find(f => f.action === 'createMessage' && f.actionConversationId === personal.id && frameText(f).includes(`More information needed for ${r.ref}`));
    const json = frameCard(frame);
    const card = A.locator(SEL.botMessage).locator(SEL.card).filter({ hasText: `More information needed for ${r.ref}` }).last();
    await card.getByText(QUESTION).waitFor();
    await setCardInput(A, card, cardInputs(json).find(x => x.id === 'answer'), ANSWER);
    await s.shot('A-answer-typed', A);
    await card.getByRole('button', { name: json.actions[0].title, exact: true }).click();
    await until(() => delivered(log).find(x => x.activity.type === 'message' && x.activity.replyToId === frame.message.messageId &&
      x.activity.value && x.activity.value.answer === ANSWER), 10_000, 'the bot to receive the answer');
    await waitForBotText(A, `Your answer was added to ${r.ref}`, { timeout: 15_000 });
  })) return;

  if (!await s.step('the channel card of that request is pending again, with the answer in its history and a notice in its thread', async () => {
    const r = requests.moreinfo;
    await openConversation(A, channel.tree);
    for (const page of [A, B]) {
      await cardShows(page, r.ref, "Awaiting an approver's decision");
      await cardShows(page, r.ref, "answered the approvers' question");
    }
    await stream.until(f => f.action === 'createMessage' && f.actionConversationId === r.thread && (f.message.text || '').includes(`answered the question on ${r.ref}`),
      15_000, 'the notice in the thread');
    await A.getByText(`The practitioner answered the question on ${r.ref}`).first().waitFor();
    if (await approvalCard(A, r.ref).getByText(ANSWER).count()) throw new Error('the answer is shown on the shared card');
    await shootThread('B-pending-again-card', B, r.ref);
    await shootThread('A-pending-again-card-and-thread-notice', A, r.ref);
  })) return;
});
