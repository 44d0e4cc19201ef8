// The first thing a practitioner sees: opening the bot in Teams (the Agents Playground's personal chat)
// installs it, the bot welcomes them, and "help" gets an answer.
// Run: e2e/run-in-netns.sh e2e/welcome-help.spec.js
'use strict';
const { run, api, conversations, send, waitForBotText, botMessages, frameText, SEL } = require('./lib');

// What the bot must show. Change these here if the bot's wording changes.
const WELCOME_TEXT = 'Welcome to InfoSharing'; // title of the welcome card sent on install
const WELCOME_AS_CARD = true; // the welcome is an Adaptive Card (.ac-adaptiveCard), not plain text
const HELP_COMMAND = 'help';
const HELP_REPLY = /help/i; // a NEW bot message after "help" must match this

run(async s => {
  const page = s.page;
  const config = await api.config();
  const personal = conversations(config).personal;
  const stream = await s.stream(); // before the page loads: the stream keeps no history

  await s.step('Playground loads and the bot welcomes the practitioner on install', async () => {
    await page.goto(`${process.env.PG_BASE || 'http://127.0.0.1:56150'}/`, { timeout: 60000 });
    const msg = await waitForBotText(page, WELCOME_TEXT, { timeout: 30_000 });
    if (WELCOME_AS_CARD && !(await msg.locator(SEL.card).count())) throw new Error(`"${WELCOME_TEXT}" is not in an Adaptive Card`);
    await stream.until(f => f.actionConversationId === personal.id && frameText(f).includes(WELCOME_TEXT), 5_000,
      `the welcome on the conversation stream of ${personal.id}`);
  });

  await s.step(`"${HELP_COMMAND}" gets an answer`, async () => {
    const before = await botMessages(page).count();
    await send(page, HELP_COMMAND);
    await waitForBotText(page, HELP_REPLY, { after: before, timeout: 15_000 });
  });
});
