// The safeguarding paths in Microsoft's Teams emulator (Agents Playground), against the real bot: emergency sharing
// (act now, retrospective record, retrospective review, full record), anonymised advice (consultation, answer,
// continue into a linked request), the outcome after approval (widening refused, recorded), "reconsider" after a
// decline, and reminders / escalation as deadlines near and pass (the bot's Development clock is moved forward).
// Run: e2e/run-in-netns.sh e2e/safeguarding.spec.js      Screenshots: artifacts/e2e/safeguarding/
'use strict';
const { run, api, conversations, send, waitForBotText, cardWith, openConversation, frameText, sleep, PG_BASE } = require('./lib');
const { ukNow, cardsOf, nodes, frame, threadFrames, submitAs, devClock, radio, typeInto, tick, pick, submitRequest } = require('./safeguarding-lib');

const PRACTITIONER = 'user-practitioner';
const APPROVER = 'user-approver';
const DEPUTY_NAME = 'Megan Bowen'; // Approvals:DeputyAadObjectIds in appsettings.Development.json (aaaaaaaa-…-0003)

const assert = (ok, message) => { if (!ok) throw new Error(message); };
/** Scrolls what the step is about into view before its screenshot (best effort). */
const show = locator => locator.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => {});
/** The data of a card's Action.Execute with this verb (e.g. the approval card's requestId). */
const executeData = (f, verb) => {
  for (const c of cardsOf(f)) for (const n of nodes(c)) if (n.type === 'Action.Execute' && n.verb === verb) return n.data;
  throw new Error(`no Action.Execute '${verb}' in message ${f.message.messageId}`);
};

run(async s => {
  const page = s.page;
  const conv = conversations(await api.config());
  const personal = conv.personal.id;
  const channel = conv.channels.Approvals;
  const stream = await s.stream(); // before any page loads: the stream keeps no history
  let approver;

  try {
    await s.step('setup: practitioner and approvers\' channel', async () => {
      await page.goto(`${PG_BASE}/`);
      await waitForBotText(page, 'Welcome to InfoSharing', { timeout: 30_000 });
      approver = await s.openAs(APPROVER);
      await approver.goto(`${PG_BASE}/`);
      await openConversation(approver, channel.tree);
      for (const p of [page, approver]) await p.getByRole('button', { name: 'Toggle Log Panel' }).click().catch(() => {}); // cleaner screenshots
      await frame(stream, channel.id, 'InfoSharing is in this team', 20_000);
    });

    // ---- emergency -----------------------------------------------------------------------------------
    await s.step('emergency: act-now card, then the form', async () => {
      await send(page, 'new request');
      const urgency = cardWith(page, 'immediate danger');
      await urgency.waitFor();
      await urgency.getByRole('radio', { name: 'Yes' }).check();
      await urgency.getByRole('button', { name: 'Continue' }).click();
      const actNow = cardWith(page, 'Act now to keep them safe');
      await actNow.waitFor({ timeout: 15_000 });
      const text = await actNow.innerText();
      assert(text.includes('999') && text.includes('On-call Designated Safeguarding Lead'), 'the act-now card lacks the contacts');
      assert(text.includes('without waiting for approval'), 'the act-now card lacks the share-now statement');
      await cardWith(page, 'Retrospective record of emergency sharing').waitFor();
      await waitForBotText(page, /recorded as EMR-\d{4}-\d{4}/);
      await show(actNow);
    });

    await s.step('emergency: short record, review card', async () => {
      const form = cardWith(page, 'Retrospective record of emergency sharing');
      await radio(form, /Did you share information/, 'Yes').check();
      await typeInto(page, form, /Case reference/, 'CS-123456');
      await tick(form, /Living arrangements/);
      await tick(form, /Emotional and mental health/);
      await pick(page, form, /With which kind of organisation/, 'Police (including Counter Terrorism Policing)');
      await typeInto(page, form, /Their team or role/, 'Police control room');
      await radio(form, /How was it shared/, 'Telephone to a verified number, followed by a secure written record').check();
      await radio(form, /authorise it verbally/, 'Yes').check();
      await typeInto(page, form, /If yes: their role/, 'On-call Designated Safeguarding Lead');
      await form.getByRole('button', { name: 'Send the record' }).click();
      await waitForBotText(page, 'sent to the approvers for a retrospective review', { timeout: 15_000 });
      const review = await frame(stream, channel.id, 'Retrospective review: emergency sharing EMR-');
      const text = frameText(review);
      assert(text.includes('CS-123456') && text.includes('Emotional and mental health') && text.includes('Police (including'), 'the review card lacks the record');
      assert(!text.includes('Police control room'), 'free text reached the channel card');
      assert(text.includes('Acknowledge') && text.includes('Raise a concern') && !/Approve|Decline/.test(text), 'the review card has the wrong buttons');
      await cardWith(approver, 'Retrospective review: emergency sharing').waitFor({ timeout: 15_000 });
    });

    await s.step('emergency: approver acknowledges', async () => {
      const card = cardWith(approver, 'Retrospective review: emergency sharing');
      await card.getByRole('button', { name: 'Acknowledge' }).click();
      await card.getByRole('button', { name: 'Confirm acknowledgement' }).click();
      await cardWith(approver, 'Acknowledged by Arnold Approver').waitFor({ timeout: 15_000 });
      await waitForBotText(page, 'Arnold Approver acknowledged the emergency sharing', { timeout: 15_000 });
    });

    await s.step('emergency: full record completes it', async () => {
      const full = await frame(stream, personal, 'Full record of emergency sharing');
      await submitAs(PRACTITIONER, personal, full, 'emergencyFull', {
        emItems: 'The current living arrangements and the recent mental health crisis plan.',
        emWhyNow: 'The child had gone missing late at night and the police needed it at once to find them.',
        emArticle6: 'vital-interests', emArticle9: 'vital-interests', emInformed: 'after',
        emContentLocation: 'Case file CS-123456, chronology entry 14',
      });
      await waitForBotText(page, /the record of EMR-\d{4}-\d{4} is complete/, { timeout: 15_000 });
    });

    // ---- anonymised advice -----------------------------------------------------------------------------
    await s.step('advice: name warned, then sent anonymised', async () => {
      await send(page, 'ask for advice');
      const form = cardWith(page, 'Ask for advice without identifying the person');
      await form.waitFor({ timeout: 15_000 });
      await pick(page, form, /Age band/, '11 to 15');
      await radio(form, /What kind of matter/, 'Safeguarding a child').check();
      await typeInto(page, form, /The concern, in general terms/, 'John Smith told a teacher that an older relative at home hits him when drunk; no injuries were seen.');
      await tick(form, /Family and personal relationships/);
      await typeInto(page, form, /Your question for the approvers/, "Is this enough to refer to children's social care now, or should we gather more first?");
      await form.getByRole('button', { name: 'Send to the approvers' }).click();
      const warned = cardWith(page, 'This may contain a first and last name');
      await warned.waitFor({ timeout: 15_000 });
      await typeInto(page, warned, /The concern, in general terms/, 'A pupil told a teacher that an older relative at home hits them when drunk; no injuries were seen.');
      await warned.getByRole('button', { name: 'Send to the approvers' }).click();
      await waitForBotText(page, /Sent to the approvers as ADV-\d{4}-\d{4}, without identifying the person/, { timeout: 15_000 });
      const card = await frame(stream, channel.id, 'Advice requested ADV-');
      assert(frameText(card).includes('Identity disclosed') && !frameText(card).includes('older relative'), 'the advice card shows free text or lacks "identity disclosed"');
    });

    await s.step('advice: approver answers with an outcome', async () => {
      const card = cardWith(approver, 'Advice requested ADV-');
      await card.waitFor({ timeout: 15_000 });
      await card.getByRole('button', { name: 'Read and answer' }).click();
      const detail = cardWith(approver, 'Your answer');
      await detail.waitFor({ timeout: 15_000 });
      assert((await detail.innerText()).includes('older relative'), 'the detail view lacks the concern');
      await typeInto(approver, detail, /Advice for the practitioner/, 'Disclosure of being hit is enough: make a referral to the MASH today and tell the DSL.');
      await radio(detail, /Suggested outcome/, 'Make a referral').check();
      await detail.getByRole('button', { name: 'Send advice' }).click();
      await cardWith(approver, 'suggested outcome Make a referral').waitFor({ timeout: 15_000 });
      await waitForBotText(page, 'make a referral to the MASH today', { timeout: 15_000 });
    });

    await s.step('advice: continue into a linked request', async () => {
      const answer = cardWith(page, 'Continue into a full request');
      await answer.getByRole('button', { name: 'Continue into a full request' }).click();
      await waitForBotText(page, /linked to the advice in ADV-\d{4}-\d{4}/, { timeout: 15_000 });
      await send(page, 'cancel'); // cancel asks first (issue 12, §3.1): delete, or record a decision not to share
      const choice = cardWith(page, 'Delete the draft');
      await choice.getByRole('button', { name: 'Delete the draft' }).click();
      await waitForBotText(page, 'cancelled and deleted');
    });

    // ---- outcome after approval ------------------------------------------------------------------------
    let approved;
    await s.step('outcome: approved, practitioner asked', async () => {
      approved = await submitRequest(stream, personal);
      const card = cardWith(approver, `Information sharing request ${approved}`);
      await card.waitFor({ timeout: 15_000 });
      await card.getByRole('button', { name: 'Approve', exact: true }).click();
      await card.getByRole('button', { name: 'Confirm approval', exact: true }).click();
      await cardWith(approver, 'Approved by Arnold Approver').waitFor({ timeout: 15_000 });
      await waitForBotText(page, `What happened with ${approved}?`, { timeout: 15_000 });
    });

    await s.step('outcome: wider scope needs a new approval', async () => {
      const form = await frame(stream, personal, `What happened with ${approved}?`);
      const mark = stream.frames.length;
      await submitAs(PRACTITIONER, personal, form, 'outcomeRecord', {
        ocOutcome: 'shared-with-changes', ocSharedOn: ukNow().date, ocSharedAt: ukNow().time,
        ocSharedBy: 'Me', ocMethod: 'secure-portal', ocContentLocation: 'Case file CS-123456, document 7',
        ocChanges: 'The police asked for the offending history as well.', ocCategories: 'emotional-mental-health,offending-history', ocRecipientType: 'police',
      });
      const refused = await frame(stream, personal, 'needs a new approval', 15_000, mark);
      assert(frameText(refused).includes('Start a new request for the wider sharing'), 'no offer of a new request');
      await cardWith(page, 'Start a new request for the wider sharing').waitFor();
    });

    await s.step('outcome: shared as approved is recorded', async () => {
      const form = await frame(stream, personal, `What happened with ${approved}?`);
      await submitAs(PRACTITIONER, personal, form, 'outcomeRecord', {
        ocOutcome: 'shared-as-approved', ocSharedOn: ukNow().date, ocSharedAt: ukNow().time,
        ocSharedBy: 'Me', ocMethod: 'secure-portal', ocContentLocation: 'Case file CS-123456, document 7',
      });
      await waitForBotText(page, `the outcome of ${approved} is recorded (shared as approved)`, { timeout: 15_000 });
    });

    let reconsidered;
    await s.step('declined: reconsider, linked request', async () => {
      const declined = await submitRequest(stream, personal);
      const card = await frame(stream, channel.id, `Information sharing request ${declined}`);
      await api.invoke({ from: APPROVER, conversationId: card.message.postConversationId, replyToId: card.message.messageId, verb: 'decline',
        data: { ...executeData(card, 'decline'), declineReasonCode: 'not-proportionate', declineReason: 'The whole chronology is not needed; share the referral summary only.', reconsider: 'true' } });
      const offer = cardWith(page, 'Reconsider with new information');
      await offer.waitFor({ timeout: 15_000 });
      await offer.getByRole('button', { name: 'Reconsider with new information' }).click();
      await waitForBotText(page, `A new request linked to ${declined}`, { timeout: 15_000 });
      const review = await frame(stream, personal, `reconsider ${declined} (declined)`);
      const mark = stream.frames.length;
      await submitAs(PRACTITIONER, personal, review, 'submit', { declaration: 'true' });
      reconsidered = frameText(await frame(stream, personal, /Submitted as \*\*ISR-/, 15_000, mark)).match(/ISR-\d{4}-\d{4}/)[0];
      const posted = await frame(stream, channel.id, `Information sharing request ${reconsidered}`);
      assert(frameText(posted).includes(`${declined} (declined) with new information`), 'the approvers are not told it is a reconsideration');
    });

    // ---- reminders and escalation --------------------------------------------------------------------------
    let pendingThread, decidedThread, decided;
    await s.step('reminders: one pending, one approved', async () => {
      pendingThread = (await frame(stream, channel.id, `Information sharing request ${reconsidered}`)).message.postConversationId;
      decided = await submitRequest(stream, personal);
      const card = await frame(stream, channel.id, `Information sharing request ${decided}`);
      decidedThread = card.message.postConversationId;
      const r = await api.invoke({ from: APPROVER, conversationId: decidedThread, replyToId: card.message.messageId, verb: 'approve', data: executeData(card, 'approve') });
      assert(JSON.stringify(r).includes('Approved by'), 'the second request was not approved');
    });

    await s.step('reminders: pending reminded, decided not', async () => {
      const state = await devClock({ advanceMinutes: 20 * 60 + 5 });
      console.log(`     bot clock now ${state.utcNow}`);
      const reminder = await frame(stream, pendingThread, 'Reminder', 20_000);
      assert(frameText(reminder).includes(reconsidered), 'the reminder names another request');
      await show(approver.getByText(/Reminder: ISR-/).last());
      await sleep(2_500);
      assert(!threadFrames(stream, decidedThread).some(f => /Reminder|Escalation/.test(frameText(f))), 'a decided request was reminded');
      await openConversation(approver, channel.tree);
    });

    await s.step('escalation: deputy mentioned; outcome owed', async () => {
      await devClock({ advanceMinutes: 4 * 60 });
      const escalation = await frame(stream, pendingThread, 'Escalation', 20_000);
      const text = frameText(escalation);
      assert(text.includes(`<at>${DEPUTY_NAME}</at>`), `the deputy is not mentioned: ${text.slice(0, 300)}`);
      assert((escalation.message.mentions || []).some(m => m.mentioned && m.mentioned.name === DEPUTY_NAME && m.text === `<at>${DEPUTY_NAME}</at>`),
        `no mention entity for the deputy: ${JSON.stringify(escalation.message.mentions)}`);
      await show(approver.getByText(/Escalation: ISR-/).last());
      await show(await waitForBotText(page, `please record what happened with ${decided}`, { timeout: 20_000 }));
      await sleep(2_500);
      assert(!threadFrames(stream, decidedThread).some(f => /Reminder|Escalation/.test(frameText(f))), 'a decided request was escalated');
    });
  } finally {
    await devClock({ reset: true }).catch(e => console.log(`  (could not reset the bot's clock: ${e.message})`));
  }
});
