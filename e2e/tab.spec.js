// e2e/tab.spec.js (issue 15): the Teams tabs in real headless Chromium, framed by a stand-in Teams host that answers
// teams-js (e2e/tab-host.js), signed in with tokens minted by a stand-in Entra tenant and checked by the bot's real JWT
// validation (e2e/tab.env gives the bot its Records:Auth, approver lists and the host's origin). Real requests come
// from the Playground (the dialog through its HTTP API); the approvers' channel is registered in its UI, and the
// channel cards' PUTs and the practitioner's notices are read from its conversation stream.
//   - each role sees what it may and gets 403 for what it may not; no token or a forged one gets 401; outside Teams
//     the tab says to open it in Teams;
//   - an approval and a decline from the Approvals tab update the channel card (PUT) and tell the practitioner; the
//     card can then not decide again (one decision, exactly once); an action without anti-forgery is refused;
//   - the records list narrows with filters and search; a record shows its audit trail (the tab's detail view in it);
//   - the statistics charts render with their numbers; axe-core finds nothing serious or critical on any page in the
//     light, dark and high-contrast themes.
'use strict';
const path = require('path');
const { run, api, conversations, collect, frameText, until, openConversation, routineAnswers, submitRequest, registerApprovers, SEL, BOT_BASE } = require('./lib');
const { tabEnv, startIssuer, startHost } = require('./tab-host');
const { AxeBuilder } = require(path.join(__dirname, '..', 'tools', 'node_modules', '@axe-core', 'playwright'));

const RUN = String(Date.now()).slice(-7);
const BOT_NAME = 'InfoSharing Bot';
const PAULA = { oid: 'aaaaaaaa-0000-0000-0000-000000000001', name: 'Paula Practitioner', pg: 'user-practitioner' };
const ARNOLD = { oid: 'aaaaaaaa-0000-0000-0000-000000000002', name: 'Arnold Approver', pg: 'user-approver' };
const MEGAN = { oid: 'aaaaaaaa-0000-0000-0000-000000000003', name: 'Megan Bowen' }; // the DPO (tab.env)
const AUDREY = { oid: 'dddddddd-0000-0000-0000-0000000000a1', name: 'Audrey Auditor', roles: ['Records.Read', 'Records.Manage'] };
const THEMES = ['default', 'dark', 'contrast'];
const CONDITIONS = `Share the two summaries only (tab run ${RUN}).`;
const DECLINE_REASON = `The attendance record is not needed for this referral (tab run ${RUN}).`;

run(async s => {
  const env = tabEnv();
  const issuer = await startIssuer(env.Records__Auth__Authority, env.Records__Auth__Audience);
  const host = await startHost(env.Tabs__DevelopmentHostOrigins__0);
  try {
    await steps(s, issuer, host);
  } finally {
    await issuer.close();
    await host.close();
  }
});

async function steps(s, issuer, host) {
  const conv = conversations(await api.config());
  const personal = conv.personal, channel = conv.channels.Approvals;
  s.skipInstall(personal.id); // the personal chat's one greeting is welcome-help.spec.js's to test
  const stream = await s.stream();
  const page = s.page;
  const axe = [];

  /** The tab's frame inside the host page. */
  const tab = () => page.frames().find(f => f.url().startsWith(BOT_BASE + '/tabs/'));
  const settled = async () => {
    await until(() => tab(), 10_000, 'the tab frame');
    await tab().waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    await tab().waitForSelector('main[aria-busy="false"], #outside:not([hidden])', { timeout: 20_000 });
  };
  /** Opens tabPath in the Teams stand-in as person (token: minted unless given), in a theme; waits for the content. */
  const open = async (person, tabPath, { theme = 'default', token } = {}) => {
    await page.goto(host.url({ tab: BOT_BASE + tabPath, token: token ?? issuer.token(person), person, theme }));
    await settled();
    return tab();
  };
  const status = async () => Number(await tab().locator('main').getAttribute('data-status'));
  const text = async () => tab().locator('main').innerText();
  const expect = (cond, message) => { if (!cond) throw new Error(message); };
  /** Clicks a link or button inside the tab and waits for the new content. */
  const click = async locator => {
    await locator.click();
    await tab().waitForSelector('main[aria-busy="false"]', { timeout: 20_000 });
    await tab().waitForFunction(() => document.querySelector('main').getAttribute('aria-busy') === 'false');
  };
  /** axe-core over the host page and the tab frame; keeps serious and critical findings. */
  const scan = async label => {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
    axe.push({ label, bad: bad.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`) });
    if (bad.length) throw new Error(`axe: ${bad.length} serious/critical on ${label}: ${axe[axe.length - 1].bad.join('; ')}`);
  };

  const requests = [];
  if (!await s.step('Playground: the approvers\' channel is registered in the UI and Paula submits three requests through the dialog', async () => {
    await page.goto(`${process.env.PG_BASE}/`, { timeout: 60_000 });
    await page.locator(SEL.editor).first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Toggle Log Panel' }).click();
    await openConversation(page, channel.tree);
    await page.getByText('Start a new post').first().waitFor();
    await registerApprovers(page, stream, BOT_NAME);
    for (let k = 0; k < 3; k++) {
      const caseRef = `CS-9${RUN}${k}`;
      const ref = await submitRequest(stream, personal.id, PAULA.pg, routineAnswers(caseRef));
      const card = await stream.until(f => f.action === 'createMessage' && f.actionConversationId === channel.id && f.message.postConversationId &&
        frameText(f).includes(`Information sharing request ${ref}`), 20_000, `the approval card of ${ref}`);
      requests.push({ ref, caseRef, cardId: card.message.messageId });
    }
    console.log(`  requests: ${requests.map(r => `${r.ref} (${r.caseRef})`).join(', ')}`);
  })) return;

  if (!await s.step('outside Teams the tab says to open it in Teams; no token or a forged token is refused (401)', async () => {
    await page.goto(`${BOT_BASE}/tabs/approvals`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByRole('heading', { name: 'Open this in Microsoft Teams' }).waitFor();
    await scan('outside Teams');
    for (const [what, token] of [['no token', ''], ['a forged token', issuer.forged(ARNOLD)]]) {
      if (token) {
        const r = await fetch(`${BOT_BASE}/tabs/api/approvals`, { headers: { authorization: 'Bearer ' + token } });
        expect(r.status === 401, `${what}: ${r.status}`);
      } else {
        await open(ARNOLD, '/tabs/approvals', { token: '' });
        expect(await status() === 401 || (await text()).includes('Sign-in required'), `${what}: ${await status()}`);
      }
    }
  })) return;

  if (!await s.step('Arnold (approver) sees the queue, oldest deadline first, with what the card shows; Records and Statistics are 403', async () => {
    await open(ARNOLD, '/tabs/approvals');
    expect(await status() === 200, `approvals: ${await status()}`);
    const t = await text();
    for (const r of requests) expect(t.includes(r.ref) && t.includes(r.caseRef), `the queue lacks ${r.ref}`);
    expect(t.includes('Child protection referral') && t.includes('Paula Practitioner'), 'the queue lacks the card\'s facts');
    const order = requests.map(r => t.indexOf(r.ref));
    expect(order[0] < order[1] && order[1] < order[2], `not oldest deadline first: ${order}`);
    for (const denied of ['/tabs/records', '/tabs/statistics']) {
      await open(ARNOLD, denied);
      expect(await status() === 403 && (await text()).includes('Not permitted'), `${denied} for Arnold: ${await status()}`);
    }
  })) return;

  if (!await s.step('Arnold opens a request: the full detail (recorded) and the decision forms', async () => {
    await open(ARNOLD, '/tabs/approvals');
    await click(tab().getByRole('link', { name: requests[0].ref }));
    const t = await text();
    expect(t.includes('Full detail') && t.includes('The two most recent referral summaries'), 'no full detail');
    for (const b of ['Approve', 'Decline', 'Ask for more information']) await tab().locator('fluent-button', { hasText: b }).first().waitFor();
  })) return;

  if (!await s.step('an action without the anti-forgery token is refused (400) and decides nothing', async () => {
    const id = new URL(tab().url()).pathname.split('/').pop();
    const r = await fetch(`${BOT_BASE}/tabs/api/approvals/${id}/approve`, { method: 'POST', headers: { authorization: 'Bearer ' + issuer.token(ARNOLD), 'content-type': 'application/x-www-form-urlencoded' }, body: 'conditions=x' });
    expect(r.status === 400, `POST without anti-forgery: ${r.status}`);
    requests[0].id = id;
  })) return;

  if (!await s.step('Arnold approves from the tab with a condition: the channel card is PUT to "Approved by Arnold Approver" and Paula is told', async () => {
    const r = requests[0];
    const form = tab().locator('form.verb-approve');
    await form.locator('textarea[name="conditions"]').fill(CONDITIONS);
    await click(form.locator('fluent-button'));
    const t = await text();
    expect(t.includes('Done: approve recorded'), `no confirmation: ${t.slice(0, 300)}`);
    await stream.until(f => f.action === 'updateMessage' && f.message.messageId === r.cardId && frameText(f).includes(`Approved by ${ARNOLD.name}`), 20_000, 'the PUT of the channel card');
    await stream.until(f => f.action === 'createMessage' && f.actionConversationId === personal.id && (f.message.text || '').includes(`**${r.ref}**`) &&
      f.message.text.includes('was **approved**'), 20_000, 'the practitioner\'s notice');
  })) return;

  if (!await s.step('the card can then not decide again: its Approve is answered "already decided" (one decision, exactly once)', async () => {
    const r = requests[0];
    const answer = await api.invoke({ from: ARNOLD.pg, conversationId: `${channel.id};messageid=${r.cardId}`, replyToId: r.cardId, verb: 'approve', data: { requestId: r.id } });
    expect(/Already approved by Arnold Approver.*changed nothing/.test(JSON.stringify(answer)), `the card's second approve: ${JSON.stringify(answer).slice(0, 300)}`);
  })) return;

  if (!await s.step('the card decides the second request first; the tab then shows it decided and a tab decision is refused', async () => {
    await open(ARNOLD, '/tabs/approvals');
    await click(tab().getByRole('link', { name: requests[1].ref }));
    const r = requests[1];
    r.id = new URL(tab().url()).pathname.split('/').pop();
    await api.invoke({ from: ARNOLD.pg, conversationId: `${channel.id};messageid=${r.cardId}`, replyToId: r.cardId, verb: 'approve', data: { requestId: r.id } });
    const form = tab().locator('form.verb-approve');
    await click(form.locator('fluent-button'));
    const t = await text();
    expect(/already/i.test(t) && !t.includes('Done:'), `the tab decided again: ${t.slice(0, 300)}`);
  })) return;

  if (!await s.step('Arnold declines the third request from the tab with a reason code and reason: the card is PUT, Paula told', async () => {
    const r = requests[2];
    await open(ARNOLD, '/tabs/approvals');
    await click(tab().getByRole('link', { name: r.ref }));
    r.id = new URL(tab().url()).pathname.split('/').pop();
    const form = tab().locator('form.verb-decline');
    await form.locator('select[name="declineReasonCode"]').selectOption('not-proportionate');
    await form.locator('textarea[name="declineReason"]').fill(DECLINE_REASON);
    await click(form.locator('fluent-button'));
    expect((await text()).includes('Done: decline recorded'), 'no confirmation');
    await stream.until(f => f.action === 'updateMessage' && f.message.messageId === r.cardId && frameText(f).includes(`Declined by ${ARNOLD.name}`), 20_000, 'the PUT of the declined card');
    await stream.until(f => f.action === 'createMessage' && f.actionConversationId === personal.id && (f.message.text || '').includes(`**${r.ref}**`) &&
      /declined/i.test(f.message.text), 20_000, 'the decline notice');
  })) return;

  if (!await s.step('Paula (practitioner) sees her requests, what was approved and the outcome owed; Approvals is 403 for her', async () => {
    await open(PAULA, '/tabs/my-requests');
    const t = await text();
    for (const r of requests) expect(t.includes(r.ref), `my requests lacks ${r.ref}`);
    expect(t.includes(CONDITIONS), 'the approved conditions are not shown');
    expect(t.includes('Outcome records still owed') && t.includes('Still owed'), 'no outcome owed');
    await open(PAULA, '/tabs/approvals');
    expect(await status() === 403, `approvals for Paula: ${await status()}`);
  })) return;

  if (!await s.step('Audrey (auditor) filters the records: status and search narrow the list; Approvals is 403 for her', async () => {
    await open(AUDREY, '/tabs/records');
    const count = async () => Number((await tab().locator('#result-count').innerText()).split(' ')[0].replace(/,/g, ''));
    const all = await count();
    expect(all >= 3, `records: ${all}`);
    await tab().locator('#f-status').selectOption('declined');
    await click(tab().getByRole('search').locator('fluent-button'));
    const declined = await count();
    expect(declined >= 1 && declined < all && (await text()).includes(requests[2].ref) && !(await text()).includes(requests[0].ref), `status filter: ${declined} of ${all}`);
    await click(tab().getByRole('link', { name: 'Clear' }));
    await tab().locator('#f-q').fill(requests[1].caseRef);
    await click(tab().getByRole('search').locator('fluent-button'));
    expect(await count() === 1 && (await text()).includes(requests[1].ref), 'search by case reference');
    await open(AUDREY, '/tabs/approvals');
    expect(await status() === 403, `approvals for Audrey: ${await status()}`);
  })) return;

  if (!await s.step('Audrey opens a record: answers, approver actions, audit entries (with the tab\'s detail view), case file; legal hold; audit chain intact', async () => {
    await open(AUDREY, `/tabs/records/${requests[0].ref}`);
    let t = await text();
    for (const want of ['Answers', 'Approver actions', 'Audit entries', 'detail-view-opened', CONDITIONS]) expect(t.includes(want), `the record lacks ${want}`);
    const [download] = await Promise.all([page.waitForEvent('download'), tab().getByRole('link', { name: 'Download the case file' }).click()]);
    expect(download.suggestedFilename() === `${requests[0].ref}.md`, `case file: ${download.suggestedFilename()}`);
    await click(tab().locator('form[action$="/legal-hold"] fluent-button'));
    t = await text();
    expect(t.includes('Legal hold set.'), 'legal hold');
    await open(AUDREY, '/tabs/records/audit');
    expect((await text()).includes('The audit chain is intact.'), 'audit chain');
  })) return;

  if (!await s.step('Megan (DPO) sees the statistics: five charts drawn, each with its numbers in a table', async () => {
    await open(MEGAN, '/tabs/statistics');
    expect(await status() === 200, `statistics: ${await status()}`);
    await tab().waitForFunction(() => document.querySelectorAll('canvas[data-drawn="true"]').length === 5);
    const tables = await tab().locator('table.numbers').count();
    expect(tables === 5, `tables: ${tables}`);
    const byPurpose = await tab().locator('#by-purpose').locator('xpath=ancestor::section').locator('table').innerText();
    expect(/Child protection referral\s+\d+\s+\d+\s+\d+\s+\d+/.test(byPurpose), `decisions by purpose: ${byPurpose.slice(0, 200)}`);
  })) return;

  const pages = [
    ['approvals queue', ARNOLD, '/tabs/approvals'], ['request', ARNOLD, () => `/tabs/approvals/${requests[2].id}`],
    ['records', AUDREY, '/tabs/records'], ['record', AUDREY, () => `/tabs/records/${requests[0].ref}`], ['audit chain', AUDREY, '/tabs/records/audit'],
    ['retention due', AUDREY, '/tabs/records/retention'], ['statistics', MEGAN, '/tabs/statistics'], ['my requests', PAULA, '/tabs/my-requests'],
    ['not permitted', PAULA, '/tabs/records'],
  ];
  for (const theme of THEMES) {
    await s.step(`axe-core, ${theme} theme: every page has no serious or critical finding`, async () => {
      for (const [label, person, p] of pages) {
        await open(person, typeof p === 'function' ? p() : p, { theme });
        if (label === 'statistics') await tab().waitForFunction(() => document.querySelectorAll('canvas[data-drawn="true"]').length === 5);
        expect(await tab().evaluate(() => document.documentElement.dataset.theme) === theme, `${label}: theme not applied`);
        await scan(`${label} (${theme})`);
        await s.shot(`${theme}-${label}`, page);
      }
    });
  }

  await s.step('a theme change from Teams restyles the open tab (themeChange)', async () => {
    await open(MEGAN, '/tabs/statistics');
    await page.evaluate(() => window.setTheme('dark'));
    await tab().waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  });

  console.log(`axe-core: ${axe.length} scans, ${axe.reduce((n, a) => n + a.bad.length, 0)} serious or critical`);
}
