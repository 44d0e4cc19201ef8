// Issue 3: a practitioner completes the whole request dialog in the Teams emulator's UI (the Agents
// Playground's personal chat): types "new request", fills each of the 10 cards (steps 0 to 9) through their
// rendered controls and presses its primary button, ticks the declaration on the review, submits, and is given
// an ISR-YYYY-NNNN reference. On the way, one refusal: a too-short description re-shows step 2 with the
// message under the field and the typed text kept. The request is the commonest lawful share (a parent's
// information, to protect a child, under Schedule 1 paragraph 18), and it may not take more cards, inputs or
// required inputs than a routine request did before revision 2 of the spec.
// Every submit is also checked at the bot side: the Playground's log stream shows the activity the bot got
// (the values typed and chosen in the UI) and its answer; the conversation stream shows the bot's cards.
// Run: e2e/run-in-netns.sh e2e/dialog.spec.js      Screenshots: artifacts/e2e/dialog/NN-*.png
'use strict';
const { run, api, conversations, send, waitForBotText, frameText, frameCard, fillCard, controlValue, inputControl, cardInputs,
  delivered, until, SEL } = require('./lib');

// A unique case reference per run (specs can share one bot and database in a runner run).
const RUN = String(Date.now()).slice(-6);
const CASE_REF = `CS-${RUN}`;
const inDays = n => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10); // the browser runs in UTC

// The answers, step by step: the valid sample answers of tests/InfoSharing.Bot.Samples/DialogCardCatalogue.cs
// (SampleValues), keyed by the input ids of Dialog/FieldIds.cs. Free text must not look like an identifier.
const STEPS = [
  { title: 'Before you start', values: { immediateDanger: 'no' } },
  // The commonest lawful share (issue 16): a parent's information, to protect a child, under Schedule 1 paragraph 18.
  { title: 'Step 1 of 9', values: { matterType: 'prevent', direction: 'proposed', caseReference: CASE_REF, subjectType: 'parent-carer', atRisk: 'child' } },
  { title: 'Step 2 of 9', values: {
    categories: 'offending-history,emotional-mental-health,other', otherCategoryDetail: 'attendance pattern summary',
    itemsDescription: 'The two most recent referral summaries and the attendance record for this term.',
    specialCategoryContent: 'health', criminalOffenceContent: 'yes', identifiesOthers: 'yes',
    othersProtection: "The informant's details will be removed before sharing.", containsOpinion: 'yes' } },
  { title: 'Step 3 of 9', values: {
    recipientType: 'la-prevent-team', recipientRole: 'Prevent coordinator', recipientVerified: 'yes', agreementStatus: 'no',
    secureMethod: 'secure-email' } },
  { title: 'Step 4 of 9', values: {
    purposes: 'prevent-referral,channel-information-request',
    expectedOutcome: 'The Prevent team can assess whether a Channel referral is appropriate.',
    riskIfNotShared: 'Vulnerability to radicalisation may go unassessed and escalate.', minimisation: 'no' } },
  { title: 'Step 5 of 9', values: {
    article6Basis: 'public-task', statutoryFunction: 'ctsa-2015-s36-s38', article9Condition: 'sch1-para18',
    criminalOffenceCondition: 'co-sch1-para18' } },
  { title: 'Step 6 of 9', values: {
    necessity_necessary: 'yes', 'necessity_recipient-needs': 'yes', necessity_accurate: 'yes', necessity_relevant: 'yes',
    justification: 'Sharing the referral summaries with the Prevent team is needed for them to assess the risk, and nothing more is shared.' } },
  { title: 'Step 7 of 9', values: { informed: 'after', consentReasons: 'increase-risk' } },
  { title: 'Step 8 of 9', values: {
    advice: 'internal', adviserRole: 'Designated Safeguarding Lead', adviceIdentified: 'no',
    adviceSummary: 'Advised that a referral is proportionate.', deadline: 'by-date', deadlineDate: inDays(3) } },
];
// A routine request (the one counted before revision 2): a child in need, no special category or offence content,
// public task, an agreement in place, no advice needed, a routine deadline.
const ROUTINE_REF = `CS-${String(Number(RUN) + 1).padStart(6, '0').slice(-6)}`;
const ROUTINE = [
  { title: 'Before you start', values: { immediateDanger: 'no' } },
  { title: 'Step 1 of 9', values: { matterType: 'safeguarding-child', direction: 'proposed', caseReference: ROUTINE_REF, subjectType: 'child', atRisk: 'child' } },
  { title: 'Step 2 of 9', values: {
    categories: 'living-arrangements,family-relationships', itemsDescription: 'The last two home visit summaries and the family support plan.',
    specialCategoryContent: 'none', criminalOffenceContent: 'no', identifiesOthers: 'no', containsOpinion: 'no' } },
  { title: 'Step 3 of 9', values: {
    recipientType: 'la-childrens-social-care', recipientRole: 'Duty team', recipientVerified: 'yes', agreementStatus: 'yes', secureMethod: 'secure-email' } },
  { title: 'Step 4 of 9', values: {
    purposes: 'child-in-need-early-help', expectedOutcome: 'The duty team can decide whether early help is the right support.',
    riskIfNotShared: 'The family may not get support in time and needs may escalate.', minimisation: 'no' } },
  { title: 'Step 5 of 9', values: { article6Basis: 'public-task', statutoryFunction: 'children-act-2004-s11' } },
  STEPS[6],
  { title: 'Step 7 of 9', values: { informed: 'after' } },
  { title: 'Step 8 of 9', values: { advice: 'not-needed', deadline: 'routine' } },
];
const REVIEW_TITLE = 'Check and submit';
const SHORT_DESCRIPTION = 'Two referral notes'; // 18 characters: the policy wants 30 to 1000
const SHORT_DESCRIPTION_ERROR = `Write at least 30 characters (you wrote ${SHORT_DESCRIPTION.length}).`;
const REFERENCE = /ISR-\d{4}-\d{4}/;
// What a routine request cost before revision 2 of the spec (10 cards, 52 inputs, 31 required): it must not cost more.
const MOST = { cards: 10, inputs: 52, required: 31 };

run(async s => {
  const page = s.page;
  const personal = conversations(await api.config()).personal;
  s.skipInstall(personal.id); // the greeting is welcome-help.spec.js's to test (it may run later against the same bot)
  const stream = await s.stream(); // bot messages (open before acting: no history)
  const log = await s.stream('/_ws/log/stream'); // every activity delivered to the bot, with its answer

  let seen = 0; // stream frames already consumed
  /** The next bot card (after the last one consumed) whose text includes title; returns the frame. */
  const nextCardFrame = async title => {
    const f = await stream.until(x => x.action === 'createMessage' && x.actionConversationId === personal.id &&
      frameCard(x) && frameText(x).includes(title) && stream.frames.indexOf(x) >= seen, 15_000, `a bot card "${title}"`);
    seen = stream.frames.indexOf(f) + 1;
    return f;
  };
  /** The newest rendered card with title, once the UI shows as many such cards as the stream has sent. */
  const renderedCard = async (title, count) => {
    const all = page.locator(SEL.botMessage).locator(SEL.card).filter({ hasText: title });
    await until(async () => (await all.count()) >= count, 10_000, `${count} rendered card(s) "${title}"`);
    return all.nth(count - 1);
  };
  const countSent = title => stream.frames.filter(x => x.action === 'createMessage' && x.actionConversationId === personal.id &&
    frameCard(x) && frameText(x).includes(title)).length;
  /** The submit the bot received for a card message (replyToId), checked against the values set in the UI. */
  const botGot = async (replyToId, values) => {
    const d = await until(() => delivered(log).find(x => x.activity.type === 'message' && x.activity.replyToId === replyToId && x.activity.value),
      10_000, `the bot to receive the submit of card ${replyToId}`);
    const v = d.activity.value;
    for (const [k, want] of Object.entries(values)) {
      const got = typeof v[k] === 'string' ? v[k].split(',').sort().join(',') : v[k];
      if (got !== String(want).split(',').sort().join(',')) throw new Error(`the bot received ${k}=${JSON.stringify(v[k])}, not ${JSON.stringify(want)}`);
    }
    if (v.action !== 'submit') throw new Error(`the submit carried action=${v.action}`);
    if (d.status < 200 || d.status > 299) throw new Error(`the bot answered the submit with ${d.status}`);
    return v;
  };

  if (!await s.step('Playground loads; the practitioner types "new request"', async () => {
    await page.goto(`${process.env.PG_BASE || 'http://127.0.0.1:56150'}/`, { timeout: 60000 });
    await page.getByRole('button', { name: 'Toggle Log Panel' }).click(); // it is contenteditable and repeats texts
    await page.locator(SEL.editor).first().waitFor();
    await send(page, 'new request');
    await renderedCard(STEPS[0].title, 1);
  })) return;

  const counts = { cards: 0, inputs: 0, required: 0 }; // over the cards of one pass, steps 0 to 9
  const count = json => {
    const inputs = cardInputs(json);
    counts.cards++;
    counts.inputs += inputs.length;
    counts.required += inputs.filter(x => x.isRequired).length;
    const title = (json.body.find(e => e.type === 'TextBlock') || {}).text || '';
    console.log(`  card ${counts.cards} "${title}": ${inputs.length} inputs, required: ${inputs.filter(x => x.isRequired).map(x => x.id).join(' ')}`);
  };

  /** Fills a step's card (the frame the bot sent) in the UI with values, presses its primary button, checks what the bot got. */
  const fillStep = async (frame, title, values, shot) => {
    count(frameCard(frame));
    const card = await renderedCard(title, countSent(title));
    await fillCard(page, card, frameCard(frame), values);
    if (shot) await s.shotCard(shot, card);
    const button = frameCard(frame).actions[0];
    if (button.type !== 'Action.Submit' || button.data.action !== 'submit') throw new Error(`the primary button is ${JSON.stringify(button)}`);
    await card.getByRole('button', { name: button.title }).click();
    await botGot(frame.message.messageId, values);
  };

  let refused; // the step 2 card the bot re-sent with the error
  for (let i = 0; i < STEPS.length; i++) {
    const { title, values } = STEPS[i];
    if (i === 2) {
      if (!await s.step('step 2 refused: a too-short description is shown under the field, the typed text kept', async () => {
        const frame = await nextCardFrame(title);
        const card = await renderedCard(title, countSent(title));
        await fillCard(page, card, frameCard(frame), { ...values, itemsDescription: SHORT_DESCRIPTION });
        await s.shotCard('step-2-short-description-typed', card);
        await card.getByRole('button', { name: frameCard(frame).actions[0].title }).click();
        await botGot(frame.message.messageId, { itemsDescription: SHORT_DESCRIPTION });
        // The bot re-sends step 2: its JSON has the error right under the field and the values kept…
        const again = await nextCardFrame(title);
        const json = frameCard(again);
        const body = json.body.map(e => e.id || e.type);
        const at = body.indexOf('itemsDescription');
        if (json.body[at].value !== SHORT_DESCRIPTION) throw new Error(`the re-sent card keeps "${json.body[at].value}"`);
        if (json.body[at + 1].id !== 'itemsDescription_error' || json.body[at + 1].text !== SHORT_DESCRIPTION_ERROR) {
          throw new Error(`under the field: ${JSON.stringify(json.body[at + 1])}`);
        }
        // …and the UI shows it so: the text under the description field, the typed text still in the box.
        const shown = await renderedCard(title, countSent(title));
        const control = await inputControl(shown, cardInputs(json).find(x => x.id === 'itemsDescription').label);
        if (await control.inputValue() !== SHORT_DESCRIPTION) throw new Error(`the box shows "${await control.inputValue()}"`);
        const under = await control.evaluate(el => {
          let block = el.closest('.ac-input-container').parentElement; // the input's wrapper (label + control)
          do block = block.nextElementSibling; while (block && block.getAttribute('aria-hidden') === 'true'); // separators
          return block && block.innerText.trim();
        });
        if (under !== SHORT_DESCRIPTION_ERROR) throw new Error(`under the description field the card shows "${under}"`);
        // The other answers are kept too: the boxes ticked and the radio buttons chosen in the UI.
        for (const id of ['categories', 'otherCategoryDetail', 'identifiesOthers', 'containsOpinion']) {
          const input = cardInputs(json).find(x => x.id === id);
          const shows = (await controlValue(shown, input.label)).split(',').sort().join(',');
          const want = values[id].split(',').map(v => (input.isMultiSelect ? input.choices.find(c => c.value === v).title : v)).sort().join(',');
          if (shows !== want) throw new Error(`${id} was not kept: the card shows "${shows}"`);
        }
        await s.shotCard('step-2-refused-error-under-field', shown);
        refused = again;
      })) return;
    }
    if (!await s.step(`step ${i} (${title}): filled in the card and continued`, async () => {
      await fillStep(i === 2 ? refused : await nextCardFrame(title), title, values, `step-${i}-filled`);
      const next = i + 1 < STEPS.length ? STEPS[i + 1].title : REVIEW_TITLE;
      await renderedCard(next, countSent(next) || 1);
    })) return;
  }

  let reference;
  if (!await s.step('step 9 (review): the answers are shown; ticking the declaration and submitting gives an ISR reference', async () => {
    const frame = await nextCardFrame(REVIEW_TITLE);
    const json = frameCard(frame);
    count(json);
    const text = frameText(frame);
    for (const want of [CASE_REF, 'Designated Safeguarding Lead', 'Advised that a referral is proportionate.']) {
      if (!text.includes(want)) throw new Error(`the review does not show "${want}"`);
    }
    const card = await renderedCard(REVIEW_TITLE, countSent(REVIEW_TITLE));
    const declaration = cardInputs(json).find(x => x.id === 'declaration');
    if (!declaration || declaration.type !== 'Input.Toggle') throw new Error('the review has no declaration toggle');
    await fillCard(page, card, json, { declaration: declaration.valueOn ?? 'true' });
    await s.shotCard('step-9-review-declaration-ticked', card);
    const before = await page.locator(SEL.botMessage).count();
    await card.getByRole('button', { name: json.actions[0].title }).click();
    await botGot(frame.message.messageId, { declaration: declaration.valueOn ?? 'true' });
    const done = await stream.until(x => x.action === 'createMessage' && x.actionConversationId === personal.id &&
      REFERENCE.test(x.message.text || '') && /Submitted as/.test(x.message.text), 15_000, 'the "Submitted as ISR-…" message');
    reference = REFERENCE.exec(done.message.text)[0];
    const year = new Date().getUTCFullYear();
    if (!reference.startsWith(`ISR-${year}-`) && !reference.startsWith(`ISR-${year - 1}-`)) throw new Error(`unexpected reference ${reference}`);
    await until(async () => {
      const n = await page.locator(SEL.botMessage).count();
      for (let k = n - 1; k >= before; k--) if ((await page.locator(SEL.botMessage).nth(k).innerText()).includes(reference)) return true;
      return false;
    }, 10_000, `the reference ${reference} in the chat`);
    console.log(`  submitted as ${reference} (case ${CASE_REF})`);
  })) return;

  console.log(`  the paragraph 18 request took ${counts.cards} cards, ${counts.inputs} inputs, ${counts.required} required`);

  if (!await s.step(`a routine request takes no more than ${MOST.cards} cards, ${MOST.inputs} inputs, ${MOST.required} required, and submits`, async () => {
    Object.assign(counts, { cards: 0, inputs: 0, required: 0 });
    await send(page, 'new request');
    for (const { title, values } of ROUTINE) await fillStep(await nextCardFrame(title), title, values);
    const frame = await nextCardFrame(REVIEW_TITLE);
    const json = frameCard(frame);
    count(json);
    const card = await renderedCard(REVIEW_TITLE, countSent(REVIEW_TITLE));
    const declaration = cardInputs(json).find(x => x.id === 'declaration');
    await fillCard(page, card, json, { declaration: declaration.valueOn ?? 'true' });
    await card.getByRole('button', { name: json.actions[0].title }).click();
    const done = await stream.until(x => x.action === 'createMessage' && x.actionConversationId === personal.id &&
      REFERENCE.test(x.message.text || '') && /Submitted as/.test(x.message.text) && !x.message.text.includes(reference), 15_000, 'a second "Submitted as ISR-…"');
    await s.shotCard('routine-review-submitted', card);
    console.log(`  routine request ${REFERENCE.exec(done.message.text)[0]}: ${counts.cards} cards, ${counts.inputs} inputs, ${counts.required} required`);
    for (const k of Object.keys(MOST)) if (counts[k] > MOST[k]) throw new Error(`${counts[k]} ${k}, more than ${MOST[k]}`);
  })) return;

  if (!await s.step('"my requests" lists the new request as pending', async () => {
    const before = await page.locator(SEL.botMessage).count();
    await send(page, 'my requests');
    const f = await stream.until(x => x.action === 'createMessage' && /Your requests/.test(x.message.text || '') && x.message.text.includes(reference),
      10_000, 'the "my requests" answer');
    const line = f.message.text.split('\n').find(l => l.includes(reference));
    if (!line.includes(CASE_REF) || !/Awaiting/.test(line)) throw new Error(`"my requests" says: ${line}`);
    const shown = await waitForBotText(page, new RegExp(`Your requests[\\s\\S]*${reference}`), { after: before, timeout: 10_000 });
    console.log(`  my requests: ${(await shown.innerText()).split('\n').find(l => l.includes(reference))}`);
  })) return;
});
