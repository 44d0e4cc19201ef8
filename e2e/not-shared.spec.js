// Issue 12: a decision not to share is a record too (domain.md §3.1), in the Teams emulator (the Agents Playground).
//   - The practitioner registers the Approvals channel, answers the first steps of a request (through the
//     Playground's HTTP API), then types "cancel": the bot asks "Delete this draft, or record that you decided not to share?".
//   - "Record that I decided not to share" shows the reasons card; a sentence with a name and a postcode is warned
//     about beside the field; a clean sentence records the decision: "Recorded as NSR-…", once.
//   - Nothing is posted to the approvers' channel, and "my requests" lists the record.
//   - A second draft, cancelled and deleted: "cancelled and deleted".
// Run: e2e/run-in-netns.sh e2e/not-shared.spec.js      Screenshots: artifacts/e2e/not-shared/NN-*.png
'use strict';
const { run, api, conversations, frameText, frameCard, until, openConversation, waitForBotText, SEL, routineAnswers, registerApprovers } = require('./lib');

const RUN = String(Date.now()).slice(-6);
const BOT_NAME = 'InfoSharing Bot'; // = bot.name in tools/playground.yml
const PRACTITIONER = 'user-practitioner';

run(async s => {
  const A = s.page;
  const conv = conversations(await api.config());
  const personal = conv.personal;
  const channel = conv.channels.Approvals;
  s.skipInstall(personal.id);
  const stream = await s.stream();
  const base = process.env.PG_BASE || 'http://127.0.0.1:56150';
  let consumed = 0;
  /** The next bot message in the personal chat that matches (frames after the last one taken). */
  const next = (pred, what) => until(() => {
    const i = stream.frames.findIndex((f, k) => k >= consumed && f.action === 'createMessage' && f.actionConversationId === personal.id && pred(f));
    if (i < 0) return null;
    consumed = i + 1;
    return stream.frames[i];
  }, 15_000, what);
  const action = (card, name) => (card.actions || []).find(a => a.data && a.data.action === name);
  /** Answers the first steps of a request (urgency, about, what) and waits for the next step's card. */
  const startDraft = async caseRef => {
    consumed = stream.frames.length;
    await api.message(personal.id, 'new request');
    for (const values of routineAnswers(caseRef).slice(0, 3)) {
      const f = await next(x => frameCard(x) && action(frameCard(x), 'submit'), 'the next dialog card');
      await api.submit({ from: PRACTITIONER, conversationId: personal.id, replyToId: f.message.messageId, value: { ...action(frameCard(f), 'submit').data, ...values } });
    }
    await next(x => frameCard(x) && action(frameCard(x), 'submit'), 'the step card after the third answer');
  };
  const click = async (f, name, values = {}) =>
    api.submit({ from: PRACTITIONER, conversationId: personal.id, replyToId: f.message.messageId, value: { ...action(frameCard(f), name).data, ...values } });
  let ref;

  if (!await s.step('the Playground loads; the practitioner registers the Approvals channel', async () => {
    await A.goto(`${base}/`, { timeout: 60000 });
    await A.locator(SEL.editor).first().waitFor({ timeout: 30_000 });
    await openConversation(A, channel.tree);
    await A.getByText('Start a new post').first().waitFor();
    await registerApprovers(A, stream, BOT_NAME);
  })) return;

  if (!await s.step('"cancel" on a draft asks: delete it, or record that you decided not to share', async () => {
    await startDraft(`CS-${RUN}`);
    await api.message(personal.id, 'cancel');
    const f = await next(x => frameCard(x) && action(frameCard(x), 'notShared'), 'the cancel choice');
    if (!frameText(f).includes('Delete this draft, or record that you decided not to share?')) throw new Error('no choice question');
    if (!action(frameCard(f), 'cancelDelete')) throw new Error('no "Delete the draft" button');
    await click(f, 'notShared');
  })) return;

  let reasons;
  if (!await s.step('the reasons card: a sentence with a name and a postcode is warned about beside the field', async () => {
    reasons = await next(x => frameCard(x) && action(frameCard(x), 'notSharedRecord'), 'the reasons card');
    await click(reasons, 'notSharedRecord', { nsReasons: 'not-necessary,protected-another-way', nsWhy: 'John Smith at SW1A 1AA is already known to social care.' });
    reasons = await next(x => frameCard(x) && action(frameCard(x), 'notSharedRecord'), 'the reasons card again');
    const warning = frameCard(reasons).body.find(e => e.id === 'nsWhy_warning');
    if (!warning) throw new Error('no identifier warning beside the sentence');
    if (!JSON.stringify(frameCard(reasons)).includes('John Smith')) throw new Error('the entered sentence was lost');
  })) return;

  if (!await s.step('a clean sentence records the decision: "Recorded as NSR-…", once; nothing posted to the channel', async () => {
    const channelFrames = () => stream.frames.filter(f => f.actionConversationId && f.actionConversationId.startsWith(channel.id)).length;
    const before = channelFrames();
    await click(reasons, 'notSharedRecord', { nsReasons: 'not-necessary,protected-another-way', nsWhy: `Children's social care already hold this and a plan is in place (run ${RUN}).` });
    const done = await next(x => /Recorded as \*\*NSR-\d{4}-\d{4}\*\*/.test(x.message.text || ''), 'Recorded as NSR-…');
    ref = /NSR-\d{4}-\d{4}/.exec(done.message.text)[0];
    await new Promise(r => setTimeout(r, 1500)); // a second reply or a channel post would arrive by now
    const again = stream.frames.filter(f => f.actionConversationId === personal.id && (f.message && f.message.text || '').includes(`Recorded as **${ref}**`)).length;
    if (again !== 1) throw new Error(`the reference was replied ${again} times`);
    if (channelFrames() !== before) throw new Error('something was posted to the approvers\' channel');
    if (stream.frames.some(f => frameText(f).includes(ref) && f.actionConversationId !== personal.id)) throw new Error('the reference appeared outside the chat');
  })) return;

  if (!await s.step('"my requests" lists the record; the practitioner sees it in the personal chat', async () => {
    await api.message(personal.id, 'my requests');
    const f = await next(x => (x.message.text || '').includes('Your requests'), 'my requests');
    if (!f.message.text.includes(`**${ref}**`) || !f.message.text.includes('Not shared: decision recorded')) throw new Error(`my requests: ${f.message.text}`);
    await openConversation(A, personal.tree);
    await waitForBotText(A, `Recorded as ${ref}`, { timeout: 15_000 }).catch(() => waitForBotText(A, ref, { timeout: 15_000 }));
  })) return;

  await s.step('a second draft, cancelled and deleted: "cancelled and deleted"', async () => {
    await startDraft(`CS-${RUN}1`);
    await api.message(personal.id, 'cancel');
    const f = await next(x => frameCard(x) && action(frameCard(x), 'cancelDelete'), 'the cancel choice');
    await click(f, 'cancelDelete');
    await next(x => (x.message.text || '').includes('cancelled and deleted'), 'the deletion notice');
  });
});
