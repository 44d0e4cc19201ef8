// The tabs' one script. Inside Teams: teams-js initialises (the host's origin is checked by teams-js; Development may
// add local hosts), the Teams SSO token comes from authentication.getAuthToken() and goes as a bearer token with every
// data request, and the theme follows the Teams context. Outside Teams it shows "open it in Teams", except Development
// on loopback with no Entra ID (data-mode="development"), which loads the data directly, as the records API does.
import { setTheme } from './lib/fluent-web-components.min.js';

const body = document.body;
const main = document.getElementById('main');
const mode = body.dataset.mode;
const origins = JSON.parse(body.dataset.origins || '[]');
const teams = window.microsoftTeams;
let inTeams = false;
let themes = null;

async function applyTheme(name) {
  themes = themes || await (await fetch('/tabs/lib/fluent-themes.json')).json();
  const theme = themes[name] ? name : 'default';
  document.documentElement.dataset.theme = theme;
  setTheme(themes[theme]);
  document.querySelectorAll('canvas[data-chart]').forEach(drawChart);
}

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), ms))]);
}

async function startTeams() {
  if (!teams || window.parent === window) return false;
  try {
    await withTimeout(teams.app.initialize(origins), 8000);
    return true;
  } catch (e) {
    console.warn('not in Teams:', e.message);
    return false;
  }
}

async function api(url, init = {}) {
  const headers = new Headers(init.headers || {});
  if (inTeams) {
    try {
      headers.set('Authorization', 'Bearer ' + await teams.authentication.getAuthToken());
    } catch (e) {
      const p = document.createElement('p');
      p.textContent = 'Teams could not sign you in (' + e.message + '). Close the tab and open it again; if it goes on, ask your administrator.';
      return new Response(`<section class="problem" role="alert"><h1>Sign-in required</h1>${p.outerHTML}</section>`, { status: 401, headers: { 'content-type': 'text/html' } });
    }
  }
  return fetch(url, { ...init, headers, credentials: 'same-origin' });
}

const apiPath = href => {
  const u = new URL(href, location.href);
  return u.pathname.replace(/^\/tabs\//, '/tabs/api/') + u.search;
};

async function show(response) {
  main.innerHTML = await response.text();
  main.dataset.status = String(response.status);
  main.setAttribute('aria-busy', 'false');
  main.querySelectorAll('canvas[data-chart]').forEach(drawChart);
  const heading = main.querySelector('h1');
  document.title = 'InfoSharing: ' + (heading ? heading.textContent : body.dataset.page);
}

async function load(href, push) {
  main.setAttribute('aria-busy', 'true');
  const u = new URL(href, location.href);
  if (push) history.pushState(null, '', u.pathname + u.search);
  const page = u.pathname.split('/')[2];
  document.querySelectorAll('header nav a').forEach(a => {
    if (a.pathname.split('/')[2] === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  await show(await api(apiPath(href)));
  if (push) main.focus();
}

async function download(link) {
  const r = await api(link.href);
  if (!r.ok) { await show(r); return; }
  const url = URL.createObjectURL(await r.blob());
  const a = document.createElement('a');
  a.href = url; a.download = link.dataset.download; document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

document.addEventListener('click', e => {
  const link = e.target.closest('a');
  if (!link || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey) return;
  if (link.hasAttribute('data-download')) { e.preventDefault(); download(link); }
  else if (link.hasAttribute('data-deeplink')) { if (inTeams) { e.preventDefault(); teams.app.openLink(link.href); } }
  else if (link.hasAttribute('data-nav')) { e.preventDefault(); load(link.href, true); }
});

document.addEventListener('submit', async e => {
  const form = e.target;
  if (form.hasAttribute('data-post')) {
    e.preventDefault();
    main.setAttribute('aria-busy', 'true');
    await show(await api(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)) }));
    main.focus();
  } else if (form.hasAttribute('data-nav')) {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) params.append(k, v);
    const query = params.toString();
    load(form.getAttribute('action') + (query ? '?' + query : ''), true);
  }
});

window.addEventListener('popstate', () => load(location.href, false));

// ---- charts (chart.js, served by the bot), coloured from the theme's Fluent tokens ----------------------------------
const palette = ['--colorPaletteBlueForeground2', '--colorPaletteDarkOrangeForeground2', '--colorPaletteGreenForeground2',
  '--colorPaletteBerryForeground2', '--colorPaletteTealForeground2', '--colorPaletteMarigoldForeground2'];
function drawChart(canvas) {
  const data = JSON.parse(canvas.dataset.chart);
  const css = getComputedStyle(document.documentElement);
  const token = (name, fallback) => (css.getPropertyValue(name) || fallback).trim();
  const contrast = document.documentElement.dataset.theme === 'contrast';
  const text = token('--colorNeutralForeground1', '#242424'), grid = token('--colorNeutralStroke2', '#e0e0e0');
  const colour = i => contrast ? token('--colorNeutralForeground1', '#fff') : token(palette[i % palette.length], '#0f6cbd');
  const existing = window.Chart.getChart(canvas);
  if (existing) existing.destroy();
  new window.Chart(canvas, {
    type: data.type,
    data: {
      labels: data.labels,
      datasets: data.series.map((s, i) => ({
        label: s.label, data: s.values, borderColor: colour(i), backgroundColor: colour(i),
        borderDash: s.dashed ? [6, 4] : (contrast && i > 0 ? [2 + 3 * i, 3] : undefined), borderWidth: 2, spanGaps: true,
      })),
    },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { legend: { labels: { color: text } } },
      scales: {
        x: { stacked: data.stacked, ticks: { color: text }, grid: { color: grid } },
        y: { stacked: data.stacked, beginAtZero: true, ticks: { color: text, precision: 0 }, grid: { color: grid }, title: { display: true, text: data.unit, color: text } },
      },
    },
  });
  canvas.dataset.drawn = 'true';
}

// ---- start ------------------------------------------------------------------------------------------------------------
inTeams = await startTeams();
if (inTeams) {
  const context = await teams.app.getContext();
  await applyTheme(context.app.theme);
  teams.app.registerOnThemeChangeHandler(applyTheme);
  teams.app.notifySuccess();
  await load(location.href, false);
} else if (mode === 'development') {
  const asked = new URLSearchParams(location.search).get('theme');
  await applyTheme(asked || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default'));
  await load(location.href, false);
} else {
  await applyTheme('default');
  main.hidden = true;
  document.getElementById('outside').hidden = false;
}
body.dataset.ready = 'true';
