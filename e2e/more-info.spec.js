// Issue 12: more information (domain.md §7.1) in Microsoft's Teams emulator (Agents Playground), against the real bot.
//   - The practitioner submits a request; the approver (Arnold Approver, a second browser profile) opens "Ask for more
//     information" on the channel card, types a question and sends it: the practitioner gets the question card.
//   - The bot's Development clock is moved past the reminder interval (Safeguarding:Reminders:MoreInfoReminderInterval,
//     1 day): the practitioner is reminded, with the question card again; nothing is said in the approvers' thread.
//   - Past the limit (MoreInfoUnansweredAfter, 3 days): the approvers' thread is told it went unanswered (never the
//     question's text), and everyone's card is PUT to "unanswered past the time allowed".
//   - The practitioner answers in the reminder's card with a name and a date in it: the identifier check stops it, with
//     the reason and a toggle to confirm; rephrased, the answer is taken, the card is pending again, the thread told.
// Run: e2e/run-in-netns.sh e2e/more-info.spec.js      Screenshots: artifacts/e2e/more-info/
'use strict';
const { run, api, conversations, waitForBotText, cardWith, openConversation, frameText, delivered, until, PG_BASE } = require('./lib');
const { frame, threadFrames, typeInto, submitRequest, devClock } = require('./safeguarding-lib');

const PRACTITIONER = 'user-practitioner';
const APPROVER = 'user-approver';
const RUN = String(Date.now()).slice(-6);
const QUESTION = `Which agency asked for this referral, and when (run ${RUN})?`;
const IDENTIFYING = 'Mrs Jones from the school asked on 12/03/2026.';
const ANSWER = `The school's safeguarding lead asked last week, by secure email (run ${RUN}).`;

const assert = (ok, message) => { if (!ok) throw new Error(message); };
const show = locator => locator.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => {});
const sleep = ms => new Promise(r => setTimeout(r, ms));
const reminders = (stream, personal, ref) => stream.frames.filter(f => f.action === 'createMessage' && f.actionConversationId === personal
  && frameText(f).includes(`Reminder:`) && frameText(f).includes(`asked a question about **${ref}**`));

/** Bot messages in the personal chat carrying the question card (the question and its answer box). */
const questionCards = (stream, personal, ref) => stream.frames.filter(f => f.action === 'createMessage' && f.actionConversationId === personal
  && frameText(f).includes(`More information needed for ${ref}`) && frameText(f).includes(QUESTION));

run(async s => {
  const page = s.page; // the practitioner
  const conv = conversations(await api.config());
  const personal = conv.personal.id;
  const channel = conv.channels.Approvals;
  const stream = await s.stream();
  const log = await s.stream('/_ws/log/stream');
  let approver, ref, cardFrame, thread;

  try {
    await s.step('setup: the practitioner and the approver (second profile) in the approvers\' channel', async () => {
      await devClock({ reset: true });
      await page.goto(`${PG_BASE}/`);
      await waitForBotText(page, 'Welcome to InfoSharing', { timeout: 30_000 });
      approver = await s.openAs(APPROVER);
      await approver.goto(`${PG_BASE}/`);
      await openConversation(approver, channel.tree);
      for (const p of [page, approver]) await p.getByRole('button', { name: 'Toggle Log Panel' }).click().catch(() => {});
      await frame(stream, channel.id, 'InfoSharing is in this team', 20_000);
    });

    await s.step('the approver asks a question on the card; the practitioner gets the question card', async () => {
      ref = await submitRequest(stream, personal, PRACTITIONER);
      cardFrame = await frame(stream, channel.id, `Information sharing request ${ref}`);
      thread = cardFrame.message.postConversationId;
      const card = cardWith(approver, `Information sharing request ${ref}`);
      await card.waitFor({ timeout: 15_000 });
      await card.getByRole('button', { name: 'Ask for more information', exact: true }).click();
      await typeInto(approver, approver, /Question for the practitioner/, QUESTION);
      const send = approver.getByRole('button', { name: 'Send question', exact: true });
      await show(send);
      await s.shot('approver-question-typed', approver);
      await send.click();
      const d = await until(() => delivered(log).find(x => x.activity.type === 'invoke' && x.activity.replyToId === cardFrame.message.messageId &&
        x.activity.value.action.verb === 'moreInfo' && x.response !== undefined), 10_000, 'the bot to receive moreInfo');
      assert(d.activity.from.id === APPROVER && d.activity.value.action.data.question === QUESTION, `the bot got ${JSON.stringify(d.activity.value.action.data)}`);
      await cardWith(approver, 'More information requested from the practitioner').waitFor({ timeout: 15_000 });
      const asked = await frame(stream, personal, `More information needed for ${ref}`);
      assert(frameText(asked).includes(QUESTION), 'the question card lacks the question');
    });

    await s.step('a day later (Development clock): the practitioner is reminded with the question card; the thread is not told', async () => {
      const before = reminders(stream, personal, ref).length;
      const state = await devClock({ advanceMinutes: 24 * 60 + 5 });
      console.log(`     bot clock now ${state.utcNow}`);
      const cardsBefore = questionCards(stream, personal, ref).length;
      const reminder = await until(() => reminders(stream, personal, ref)[before], 20_000, 'the practitioner\'s reminder');
      // the question card comes again with it (the Playground may show the text and the card as two messages)
      await until(() => questionCards(stream, personal, ref).length > cardsBefore, 10_000, 'the question card again')
        .catch(() => { throw new Error(`no question card with the reminder: ${JSON.stringify(reminder.message).slice(0, 600)}`); });
      await openConversation(page, conv.personal.tree);
      await show(await waitForBotText(page, `asked a question about ${ref}`, { timeout: 15_000 }));
      await s.shot('practitioner-reminded', page);
      assert(!threadFrames(stream, thread).some(f => frameText(f).includes('Unanswered')), 'the thread was told too early');
    });

    await s.step('past the limit (3 days): the thread is told it went unanswered, without the question; the card says so for everyone', async () => {
      await devClock({ advanceMinutes: 2 * 24 * 60 });
      const notice = await until(() => threadFrames(stream, thread).find(f => frameText(f).includes('Unanswered:')), 20_000, 'the unanswered notice');
      const text = frameText(notice);
      assert(text.includes(ref) && text.includes('no answer has come'), `the notice says: ${text.slice(0, 300)}`);
      assert(!text.includes(QUESTION), 'the question\'s text reached the channel');
      await until(() => stream.frames.find(f => f.action === 'updateMessage' && f.message.messageId === cardFrame.message.messageId &&
        frameText(f).includes('unanswered past the time allowed')), 15_000, 'the PUT of the card');
      await openConversation(approver, channel.tree);
      await show(cardWith(approver, 'unanswered past the time allowed'));
      await approver.getByText(/Unanswered: Arnold Approver asked/).first().waitFor({ timeout: 15_000 });
      await s.shot('approver-unanswered', approver);
    });

    await s.step('an answer with a name and a date is stopped by the identifier check: the reason, a toggle to confirm; nothing changes', async () => {
      await openConversation(page, conv.personal.tree);
      const card = cardWith(page, `More information needed for ${ref}`);
      await typeInto(page, card, /Your answer/, IDENTIFYING);
      await card.getByRole('button', { name: 'Send answer', exact: true }).click();
      await until(() => delivered(log).find(x => x.activity.type === 'message' && x.activity.value && x.activity.value.answer === IDENTIFYING),
        10_000, 'the bot to receive the identifying answer');
      const stopped = await frame(stream, personal, 'looks like it contains');
      assert(JSON.stringify(stopped.message.attachments).includes('answerNoIdentifiers'), 'no toggle to confirm the answer identifies no one');
      await show(cardWith(page, 'looks like it contains'));
      await s.shot('practitioner-answer-stopped', page);
      await sleep(1_000);
      assert(!threadFrames(stream, thread).some(f => frameText(f).includes(`answered the question on ${ref}`)), 'the identifying answer reached the approvers');
    });

    await s.step('the rephrased answer is taken: the practitioner is thanked, the card is pending again, the thread told', async () => {
      const card = cardWith(page, 'looks like it contains');
      await typeInto(page, card, /Your answer/, ANSWER);
      await card.getByRole('button', { name: 'Send answer', exact: true }).click();
      await waitForBotText(page, `Your answer was added to ${ref}`, { timeout: 15_000 });
      await until(() => threadFrames(stream, thread).find(f => frameText(f).includes(`answered the question on ${ref}`)), 15_000, 'the notice in the thread');
      await until(() => stream.frames.find(f => f.action === 'updateMessage' && f.message.messageId === cardFrame.message.messageId &&
        frameText(f).includes("Awaiting an approver's decision")), 15_000, 'the card PUT back to pending');
      await openConversation(approver, channel.tree);
      await show(cardWith(approver, `Information sharing request ${ref}`));
      await s.shot('approver-pending-again', approver);
      const after = reminders(stream, personal, ref).length;
      await devClock({ advanceMinutes: 2 * 24 * 60 });
      await sleep(4_000); // two polls of the reminder scheduler (PollInterval 2 s in Development)
      assert(reminders(stream, personal, ref).length === after, 'a reminder came after the answer');
    });
  } finally {
    await devClock({ reset: true }).catch(e => console.log(`  (could not reset the bot's clock: ${e.message})`));
  }
});
