// The Assistants console: plain ES module, no build step. It calls the server's API (/v1) and the
// console's own API (/console/api) with the key signed in with, kept for this tab only
// (sessionStorage), so it shows that key's project only. Everything the API returns is written into
// the page as text, never as HTML.

const KEY = 'assistants-console-key';
const TERMINAL = ['completed', 'failed', 'cancelled', 'expired', 'incomplete'];
const view = document.getElementById('view');
let refresh = null;

class ApiError extends Error {
	constructor(message, status) {
		super(message);
		this.status = status;
	}
}

function key() {
	return sessionStorage.getItem(KEY);
}

async function api(path, { method = 'GET', body, base = '/v1', form, raw = false } = {}) {
	const headers = { 'OpenAI-Beta': 'assistants=v2' };
	if (key()) {
		headers.Authorization = 'Bearer ' + key();
	}
	let payload;
	if (form) {
		payload = form;
	}
	else if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
		payload = JSON.stringify(body);
	}
	const response = await fetch(base + path, { method, headers, body: payload });
	if (!response.ok) {
		const error = await response.json().catch(() => ({}));
		if (response.status === 401) {
			signOut();
		}
		throw new ApiError(error?.error?.message || `${response.status} ${response.statusText}`, response.status);
	}
	return raw ? response : response.json();
}

/** An element with attributes (on* as listeners) and children (strings become text). */
function h(tag, attributes = {}, ...children) {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) {
		if (value === undefined || value === null || value === false) {
			continue;
		}
		if (name.startsWith('on')) {
			element.addEventListener(name.slice(2), value);
		}
		else {
			element.setAttribute(name, value === true ? '' : value);
		}
	}
	for (const child of children.flat(Infinity)) {
		if (child !== undefined && child !== null && child !== false) {
			element.append(child instanceof Node ? child : String(child));
		}
	}
	return element;
}

function time(seconds) {
	return seconds ? new Date(seconds * 1000).toLocaleString() : '';
}

function status(value) {
	return h('span', { class: 'status ' + value }, value);
}

function failure(error) {
	return h('p', { class: 'error', role: 'alert' }, error.message);
}

function show(...children) {
	view.replaceChildren(...children);
	document.getElementById('main').focus({ preventScroll: true });
}

/** An image file of the project, fetched with the key, as an image. */
function imageFile(fileId, alt) {
	const image = h('img', { alt: alt || `Image ${fileId}` });
	api(`/files/${fileId}/content`, { raw: true })
		.then((response) => response.blob())
		.then((blob) => { image.src = URL.createObjectURL(blob); })
		.catch(() => image.replaceWith(h('span', { class: 'muted' }, `(image ${fileId} cannot be shown)`)));
	return image;
}

/** A message's content: its text with the files its annotations cite, and its images. */
function content(message) {
	return (message.content || []).map((part) => {
		if (part.type === 'text') {
			const cited = (part.text.annotations || []).map((annotation) => h('li', { class: 'muted' },
				annotation.text, ' → ', annotation.file_citation?.file_id || annotation.file_path?.file_id || ''));
			return h('div', {}, h('div', { class: 'text' }, part.text.value), cited.length ? h('ul', {}, cited) : null);
		}
		if (part.type === 'image_file') {
			return imageFile(part.image_file.file_id);
		}
		if (part.type === 'image_url') {
			return h('a', { href: part.image_url.url, rel: 'noreferrer' }, part.image_url.url);
		}
		return h('pre', {}, JSON.stringify(part, null, 2));
	});
}

// Signing in

function signOut() {
	sessionStorage.removeItem(KEY);
	start();
}

function start() {
	const signedIn = key() !== null;
	document.getElementById('sign-in').hidden = signedIn;
	document.getElementById('nav').hidden = !signedIn;
	document.getElementById('sign-out').hidden = !signedIn;
	if (signedIn) {
		route();
	}
	else {
		view.replaceChildren();
		document.getElementById('api-key').focus();
	}
}

document.getElementById('sign-in').addEventListener('submit', async (event) => {
	event.preventDefault();
	const error = document.getElementById('sign-in-error');
	error.textContent = '';
	sessionStorage.setItem(KEY, document.getElementById('api-key').value.trim());
	try {
		await api('/assistants?limit=1');
		document.getElementById('api-key').value = '';
		if (!location.hash) {
			location.hash = '#/assistants';
		}
		start();
	}
	catch (e) {
		sessionStorage.removeItem(KEY);
		error.textContent = e.message;
	}
});
document.getElementById('sign-out').addEventListener('click', () => {
	// the next key starts afresh; a key refused mid-way (401) comes back to where it was
	history.replaceState(null, '', '#/assistants');
	signOut();
});

// Pages

const routes = [
	[/^#\/assistants$/, assistantsPage],
	[/^#\/assistants\/new$/, () => assistantPage(null)],
	[/^#\/assistants\/(asst_\w+)$/, assistantPage],
	[/^#\/threads$/, threadsPage],
	[/^#\/threads\/(thread_\w+)$/, threadPage],
	[/^#\/playground$/, playgroundPage],
	[/^#\/runs$/, runsPage],
	[/^#\/files$/, filesPage],
	[/^#\/vector-stores$/, vectorStoresPage],
	[/^#\/vector-stores\/(vs_\w+)$/, vectorStorePage],
];

function route() {
	clearTimeout(refresh);
	const hash = location.hash || '#/assistants';
	for (const link of document.querySelectorAll('nav a')) {
		if (hash.startsWith(link.getAttribute('href'))) {
			link.setAttribute('aria-current', 'page');
		}
		else {
			link.removeAttribute('aria-current');
		}
	}
	for (const [pattern, page] of routes) {
		const match = hash.match(pattern);
		if (match) {
			page(...match.slice(1)).catch((error) => show(failure(error)));
			return;
		}
	}
	show(h('p', {}, 'No such page.'));
}

window.addEventListener('hashchange', () => key() !== null && route());

async function assistantsPage() {
	const assistants = await api('/assistants?limit=100');
	show(h('div', { class: 'toolbar' }, h('h1', {}, 'Assistants'),
		h('a', { href: '#/assistants/new', class: 'button' }, 'New assistant')),
	assistants.data.length === 0 ? h('p', { class: 'muted' }, 'No assistants yet.') : h('table', {},
		h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Model'), h('th', {}, 'Tools'), h('th', {}, 'Created'))),
		h('tbody', {}, assistants.data.map((assistant) => h('tr', {},
			h('td', {}, h('a', { href: `#/assistants/${assistant.id}` }, assistant.name || assistant.id)),
			h('td', {}, assistant.model),
			h('td', {}, assistant.tools.map((tool) => tool.type === 'function' ? tool.function.name : tool.type).join(', ')),
			h('td', {}, time(assistant.created_at)))))));
}

/** The functions' JSON, checked: an array of functions, each named as the API requires. */
function functions(text) {
	if (!text.trim()) {
		return [];
	}
	let parsed;
	try {
		parsed = JSON.parse(text);
	}
	catch (e) {
		throw new Error('Functions: not JSON (' + e.message + ').');
	}
	if (!Array.isArray(parsed)) {
		throw new Error('Functions: give an array of functions, such as [{"name": "lookup", "parameters": {...}}].');
	}
	return parsed.map((fn, i) => {
		if (typeof fn !== 'object' || fn === null || !/^[a-zA-Z0-9_-]{1,64}$/.test(fn.name || '')) {
			throw new Error(`Functions: function ${i + 1} needs a name of letters, digits, _ and - (at most 64).`);
		}
		if (fn.parameters !== undefined && (typeof fn.parameters !== 'object' || Array.isArray(fn.parameters))) {
			throw new Error(`Functions: the parameters of ${fn.name} must be a JSON schema object.`);
		}
		return { type: 'function', function: fn };
	});
}

function ids(text) {
	return text.split(/[\s,]+/).filter((id) => id);
}

async function assistantPage(id) {
	const assistant = id ? await api(`/assistants/${id}`) : { model: 'gpt-4o', tools: [], tool_resources: {} };
	const has = (type) => assistant.tools.some((tool) => tool.type === type);
	const field = (name, label, input) => [h('label', { for: name }, label), input];
	const error = h('p', { class: 'error', role: 'alert' });
	const form = h('form', { class: 'card', 'aria-label': 'Assistant' },
		field('name', 'Name', h('input', { id: 'name', value: assistant.name || '' })),
		field('model', 'Model', h('input', { id: 'model', required: true, value: assistant.model })),
		field('instructions', 'Instructions', h('textarea', { id: 'instructions' }, assistant.instructions || '')),
		h('fieldset', {}, h('legend', {}, 'Tools'),
			h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'file_search', checked: has('file_search') }), 'File search'),
			h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'code_interpreter', checked: has('code_interpreter') }), 'Code interpreter')),
		field('functions', 'Functions (a JSON array of {name, description, parameters})', h('textarea', { id: 'functions' },
			JSON.stringify(assistant.tools.filter((tool) => tool.type === 'function').map((tool) => tool.function), null, 2))),
		field('vector_store_ids', 'File search vector store IDs', h('input', { id: 'vector_store_ids',
			value: (assistant.tool_resources?.file_search?.vector_store_ids || []).join(', ') })),
		field('file_ids', 'Code interpreter file IDs', h('input', { id: 'file_ids',
			value: (assistant.tool_resources?.code_interpreter?.file_ids || []).join(', ') })),
		h('div', { class: 'row' }, h('button', { type: 'submit' }, id ? 'Save' : 'Create'),
			id ? h('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete') : null),
		error);
	async function remove() {
		if (confirm(`Delete ${assistant.name || id}?`)) {
			await api(`/assistants/${id}`, { method: 'DELETE' }).catch((e) => { error.textContent = e.message; });
			location.hash = '#/assistants';
		}
	}
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		error.textContent = '';
		try {
			const value = (name) => form.querySelector('#' + name).value;
			const tools = functions(value('functions'));
			for (const type of ['file_search', 'code_interpreter']) {
				if (form.querySelector('#' + type).checked) {
					tools.push({ type });
				}
			}
			const body = { name: value('name') || null, model: value('model'), instructions: value('instructions') || null, tools,
				tool_resources: { file_search: { vector_store_ids: ids(value('vector_store_ids')) },
					code_interpreter: { file_ids: ids(value('file_ids')) } } };
			const saved = await api(id ? `/assistants/${id}` : '/assistants', { method: 'POST', body });
			location.hash = `#/assistants/${saved.id}`;
			if (id) {
				error.textContent = 'Saved.';
			}
		}
		catch (e) {
			error.textContent = e.message;
		}
	});
	show(h('h1', {}, id ? (assistant.name || id) : 'New assistant'), id ? h('p', { class: 'muted' }, h('code', {}, id)) : null, form);
}

async function threadsPage() {
	const search = h('input', { id: 'metadata', placeholder: 'customer=42' });
	const table = h('div');
	let after = null;
	async function load(more) {
		const query = new URLSearchParams({ limit: '20' });
		const [name, value] = search.value.split('=').map((part) => part.trim());
		if (name && value !== undefined) {
			query.set(`metadata[${name}]`, value);
		}
		if (more && after) {
			query.set('after', after);
		}
		const threads = await api('/threads?' + query, { base: '/console/api' });
		after = threads.last_id;
		const rows = threads.data.map((thread) => h('tr', {},
			h('td', {}, h('a', { href: `#/threads/${thread.id}` }, thread.id)),
			h('td', {}, time(thread.created_at)),
			h('td', {}, Object.entries(thread.metadata || {}).map(([k, v]) => `${k}=${v}`).join(', '))));
		const body = more ? table.querySelector('tbody') : h('tbody');
		body.append(...rows);
		if (!more) {
			table.replaceChildren(h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Thread'), h('th', {}, 'Created'),
				h('th', {}, 'Metadata'))), body));
		}
		table.querySelector('.older')?.remove();
		if (threads.has_more) {
			table.append(h('button', { type: 'button', class: 'secondary older', onclick: () => load(true) }, 'Older threads'));
		}
	}
	const form = h('form', { class: 'row', role: 'search' }, h('label', { for: 'metadata' }, 'Metadata'), search,
		h('button', { type: 'submit' }, 'Search'));
	form.addEventListener('submit', (event) => { event.preventDefault(); load(false).catch((e) => table.replaceChildren(failure(e))); });
	show(h('h1', {}, 'Threads'), form, table);
	await load(false);
}

function toolCall(call) {
	if (call.type === 'function') {
		return h('div', {}, h('strong', {}, `function ${call.function.name}`),
			h('pre', { 'aria-label': 'Arguments' }, call.function.arguments),
			call.function.output !== null && call.function.output !== undefined
				? h('pre', { 'aria-label': 'Output' }, '→ ' + call.function.output) : h('p', { class: 'muted' }, 'waiting for its output'));
	}
	if (call.type === 'file_search') {
		const results = call.file_search.results || [];
		return h('div', {}, h('strong', {}, 'file_search'), h('ol', {}, results.map((result) => h('li', {},
			`${result.file_name} (${result.score.toFixed(3)})`,
			(result.content || []).map((part) => h('pre', {}, part.text))))));
	}
	if (call.type === 'code_interpreter') {
		return h('div', {}, h('strong', {}, 'code_interpreter'), h('pre', { 'aria-label': 'Code' }, call.code_interpreter.input),
			(call.code_interpreter.outputs || []).map((output) => output.type === 'logs'
				? h('pre', { 'aria-label': 'Logs' }, output.logs) : imageFile(output.image.file_id, 'Image the code displayed')));
	}
	return h('pre', {}, JSON.stringify(call, null, 2));
}

function usage(of) {
	return of.usage ? `${of.usage.prompt_tokens} prompt + ${of.usage.completion_tokens} completion tokens` : '';
}

function runBlock(run, steps, messages) {
	const ended = run.completed_at || run.failed_at || run.cancelled_at || run.expired_at;
	return h('section', { class: 'run', 'aria-label': `Run ${run.id}` },
		h('div', { class: 'row' }, h('strong', {}, 'Run'), h('code', {}, run.id), status(run.status), h('span', { class: 'muted' },
			run.model, ' · ', time(run.created_at), ended ? ` · ${ended - run.created_at} s` : '', ' · ', usage(run))),
		h('p', { class: 'muted', 'aria-label': 'Timeline' }, [['created', run.created_at], ['started', run.started_at],
			['completed', run.completed_at], ['failed', run.failed_at], ['cancelled', run.cancelled_at], ['expired', run.expired_at]]
			.filter(([, at]) => at).map(([what, at]) => `${what} ${new Date(at * 1000).toLocaleTimeString()}`).join(' → ')),
		run.last_error ? h('p', { class: 'error' }, `${run.last_error.code}: ${run.last_error.message}`) : null,
		steps.map((step) => h('div', { class: 'step' },
			h('div', { class: 'row' }, h('span', {}, step.type === 'tool_calls' ? 'Tool calls' : 'Message'), status(step.status),
				h('span', { class: 'muted' }, usage(step))),
			step.type === 'tool_calls'
				? step.step_details.tool_calls.map(toolCall)
				: messages.filter((message) => message.id === step.step_details.message_creation.message_id)
					.map((message) => h('div', { class: 'message assistant' }, content(message))))));
}

async function threadPage(id) {
	const [thread, messages, runs] = await Promise.all([api(`/threads/${id}`),
		api(`/threads/${id}/messages?order=asc&limit=100`), api(`/threads/${id}/runs?order=asc&limit=100`)]);
	const steps = await Promise.all(runs.data.map((run) => api(`/threads/${id}/runs/${run.id}/steps?order=asc&limit=100`
		+ '&include[]=step_details.tool_calls[*].file_search.results[*].content')));
	const timeline = [
		...messages.data.filter((message) => !message.run_id).map((message) => ({ at: message.created_at, order: 0,
			node: h('div', { class: 'message ' + message.role }, h('div', { class: 'role' }, message.role, ' · ', time(message.created_at)),
				content(message)) })),
		...runs.data.map((run, i) => ({ at: run.created_at, order: 1, node: runBlock(run, steps[i].data, messages.data) })),
	].sort((a, b) => a.at - b.at || a.order - b.order);
	const live = runs.data.some((run) => !TERMINAL.includes(run.status));
	show(h('h1', {}, 'Thread ', h('code', {}, id)),
		h('p', { class: 'muted' }, [time(thread.created_at), ...Object.entries(thread.metadata || {}).map(([k, v]) => `${k}=${v}`)]
			.join(' · ')),
		h('div', { 'aria-live': 'polite' }, timeline.map((item) => item.node)));
	if (live) {
		refresh = setTimeout(() => location.hash === `#/threads/${id}` && route(), 1000);
	}
}

// Runs, files and vector stores

async function runsPage() {
	const runs = await api('/runs?limit=100', { base: '/console/api' });
	const byStatus = {};
	const byModel = {};
	for (const run of runs.data) {
		byStatus[run.status] = (byStatus[run.status] || 0) + 1;
		const tokens = byModel[run.model] || (byModel[run.model] = { runs: 0, prompt: 0, completion: 0 });
		tokens.runs++;
		tokens.prompt += run.usage?.prompt_tokens || 0;
		tokens.completion += run.usage?.completion_tokens || 0;
	}
	const failures = runs.data.filter((run) => run.last_error);
	show(h('h1', {}, 'Runs'), h('p', { class: 'muted' }, `The latest ${runs.data.length} runs of this project.`),
		h('div', { class: 'row' }, Object.entries(byStatus).map(([value, count]) => h('span', {}, status(value), ' ', count))),
		h('h2', {}, 'Token usage by model'),
		h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Model'), h('th', {}, 'Runs'), h('th', {}, 'Prompt tokens'),
			h('th', {}, 'Completion tokens'))),
		h('tbody', {}, Object.entries(byModel).map(([model, tokens]) => h('tr', {}, h('td', {}, model), h('td', {}, tokens.runs),
			h('td', {}, tokens.prompt), h('td', {}, tokens.completion))))),
		h('h2', {}, 'Failures'),
		failures.length === 0 ? h('p', { class: 'muted' }, 'None.') : h('table', {}, h('tbody', {}, failures.map((run) => h('tr', {},
			h('td', {}, h('a', { href: `#/threads/${run.thread_id}` }, run.id)), h('td', {}, status(run.status)),
			h('td', {}, `${run.last_error.code}: ${run.last_error.message}`), h('td', {}, time(run.created_at)))))),
		h('h2', {}, 'Latest'),
		h('table', {}, h('tbody', {}, runs.data.slice(0, 20).map((run) => h('tr', {},
			h('td', {}, h('a', { href: `#/threads/${run.thread_id}` }, run.id)), h('td', {}, status(run.status)),
			h('td', {}, run.model), h('td', {}, usage(run)), h('td', {}, time(run.created_at)))))));
}

async function filesPage() {
	const files = await api('/files?limit=100');
	const upload = h('input', { id: 'upload', type: 'file', multiple: true });
	const error = h('p', { class: 'error', role: 'alert' });
	const form = h('form', { class: 'card', 'aria-label': 'Upload files' }, h('label', { for: 'upload' }, 'Upload files'), upload,
		h('button', { type: 'submit' }, 'Upload'), error);
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		try {
			for (const file of upload.files) {
				const data = new FormData();
				data.append('purpose', 'assistants');
				data.append('file', file);
				await api('/files', { method: 'POST', form: data });
			}
			route();
		}
		catch (e) {
			error.textContent = e.message;
		}
	});
	show(h('h1', {}, 'Files'), form, files.data.length === 0 ? h('p', { class: 'muted' }, 'No files yet.') : h('table', {},
		h('thead', {}, h('tr', {}, h('th', {}, 'File'), h('th', {}, 'Purpose'), h('th', {}, 'Bytes'), h('th', {}, 'Created'), h('th', {}, ''))),
		h('tbody', {}, files.data.map((file) => h('tr', {}, h('td', {}, file.filename, ' ', h('code', { class: 'muted' }, file.id)),
			h('td', {}, file.purpose), h('td', {}, file.bytes), h('td', {}, time(file.created_at)),
			h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${file.filename}`, onclick: async () => {
				if (confirm(`Delete ${file.filename}?`)) {
					await api(`/files/${file.id}`, { method: 'DELETE' }).catch((e) => { error.textContent = e.message; });
					route();
				}
			} }, 'Delete')))))));
}

async function vectorStoresPage() {
	const [stores, files] = await Promise.all([api('/vector_stores?limit=100'), api('/files?purpose=assistants&limit=100')]);
	const name = h('input', { id: 'store-name' });
	const error = h('p', { class: 'error', role: 'alert' });
	const form = h('form', { class: 'card', 'aria-label': 'New vector store' }, h('label', { for: 'store-name' }, 'Name'), name,
		h('fieldset', {}, h('legend', {}, 'Files'), files.data.length === 0 ? h('p', { class: 'muted' }, 'Upload files first.')
			: files.data.map((file) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: file.id, name: 'file' }), file.filename))),
		h('button', { type: 'submit' }, 'Create vector store'), error);
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		try {
			const fileIds = [...form.querySelectorAll('input[name=file]:checked')].map((box) => box.value);
			const store = await api('/vector_stores', { method: 'POST', body: { name: name.value || null, file_ids: fileIds } });
			location.hash = `#/vector-stores/${store.id}`;
		}
		catch (e) {
			error.textContent = e.message;
		}
	});
	show(h('h1', {}, 'Vector stores'), stores.data.length === 0 ? h('p', { class: 'muted' }, 'No vector stores yet.') : h('table', {},
		h('thead', {}, h('tr', {}, h('th', {}, 'Vector store'), h('th', {}, 'Status'), h('th', {}, 'Files'), h('th', {}, 'Created'))),
		h('tbody', {}, stores.data.map((store) => h('tr', {},
			h('td', {}, h('a', { href: `#/vector-stores/${store.id}` }, store.name || store.id)), h('td', {}, status(store.status)),
			h('td', {}, `${store.file_counts.completed} of ${store.file_counts.total} ready`), h('td', {}, time(store.created_at)))))),
	form);
}

async function vectorStorePage(id) {
	const [store, files, all] = await Promise.all([api(`/vector_stores/${id}`), api(`/vector_stores/${id}/files?limit=100`),
		api('/files?limit=100')]);
	const names = Object.fromEntries(all.data.map((file) => [file.id, file.filename]));
	const query = h('input', { id: 'query', type: 'search' });
	const results = h('div', { 'aria-live': 'polite' });
	const form = h('form', { class: 'card', role: 'search' }, h('label', { for: 'query' }, 'Search this store'), query,
		h('button', { type: 'submit' }, 'Search'), results);
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		try {
			const found = await api(`/vector_stores/${id}/search`, { method: 'POST', body: { query: query.value } });
			results.replaceChildren(found.data.length === 0 ? h('p', { class: 'muted' }, 'Nothing found.') : h('ol', {},
				found.data.map((result) => h('li', {}, h('strong', {}, result.filename), ` · score ${result.score.toFixed(3)}`,
					result.content.map((part) => h('pre', {}, part.text))))));
		}
		catch (e) {
			results.replaceChildren(failure(e));
		}
	});
	show(h('h1', {}, store.name || id), h('p', { class: 'muted' }, h('code', {}, id), ' · ', status(store.status), ' · ',
		`${store.usage_bytes} bytes`),
	h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'File'), h('th', {}, 'Ingestion'), h('th', {}, 'Error'))),
		h('tbody', {}, files.data.map((file) => h('tr', {}, h('td', {}, names[file.id] || '', ' ', h('code', { class: 'muted' }, file.id)),
			h('td', {}, status(file.status)),
			h('td', {}, file.last_error ? `${file.last_error.code}: ${file.last_error.message}` : ''))))),
	form);
	if (files.data.some((file) => file.status === 'in_progress')) {
		refresh = setTimeout(() => location.hash === `#/vector-stores/${id}` && route(), 1000);
	}
}

// The playground

/** A streamed request's events, each given to the handler as it arrives. */
async function stream(path, body, handle) {
	const response = await api(path, { method: 'POST', body: { ...body, stream: true }, raw: true });
	const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
	let buffer = '';
	for (;;) {
		const { value, done } = await reader.read();
		if (done) {
			return;
		}
		buffer += value;
		let end;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const chunk = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			let event = 'message';
			const data = [];
			for (const line of chunk.split('\n')) {
				if (line.startsWith('event:')) {
					event = line.slice(6).trim();
				}
				else if (line.startsWith('data:')) {
					data.push(line.slice(5).trimStart());
				}
			}
			if (event !== 'done') {
				await handle(event, JSON.parse(data.join('\n')));
			}
		}
	}
}

async function playgroundPage() {
	const assistants = await api('/assistants?limit=100');
	if (assistants.data.length === 0) {
		show(h('h1', {}, 'Playground'), h('p', {}, 'Create an assistant first: ', h('a', { href: '#/assistants/new' }, 'New assistant')));
		return;
	}
	let threadId = null;
	const picker = h('select', { id: 'assistant' }, assistants.data.map((assistant) =>
		h('option', { value: assistant.id }, assistant.name || assistant.id)));
	const log = h('div', { class: 'card chat', 'aria-live': 'polite', 'aria-label': 'Conversation' });
	const input = h('textarea', { id: 'message', rows: 3 });
	const files = h('input', { id: 'files', type: 'file', multiple: true });
	const note = h('p', { class: 'muted', id: 'thread-link' });
	const error = h('p', { class: 'error', role: 'alert' });
	const form = h('form', { class: 'card', 'aria-label': 'Send a message' },
		h('label', { for: 'message' }, 'Message'), input, h('label', { for: 'files' }, 'Attach files'), files,
		h('div', { class: 'row' }, h('button', { type: 'submit', id: 'send' }, 'Send'),
			h('button', { type: 'button', class: 'secondary', onclick: () => { threadId = null; log.replaceChildren(); note.replaceChildren(); } },
				'New conversation')), error);

	function bubble(role, ...children) {
		const node = h('div', { class: 'message ' + role }, h('div', { class: 'role' }, role), ...children);
		log.append(node);
		return node;
	}

	async function attachments(assistant) {
		const tools = assistant.tools.filter((tool) => tool.type === 'file_search' || tool.type === 'code_interpreter')
			.map((tool) => ({ type: tool.type }));
		const attached = [];
		for (const file of files.files) {
			const form = new FormData();
			form.append('purpose', 'assistants');
			form.append('file', file);
			const uploaded = await api('/files', { method: 'POST', form });
			attached.push({ file_id: uploaded.id, tools: tools.length ? tools : [{ type: 'file_search' }] });
		}
		files.value = '';
		return attached;
	}

	/** Show a run's events: text as it streams, calls to answer by hand, its end. */
	async function follow(path, body) {
		let text = null;
		await stream(path, body, async (event, data) => {
			if (event === 'thread.message.created') {
				text = h('div', { class: 'text' });
				bubble('assistant', text);
			}
			else if (event === 'thread.message.delta') {
				for (const part of data.delta.content || []) {
					if (part.type === 'text' && text) {
						text.append(part.text.value);
					}
					else if (part.type === 'image_file') {
						text?.before(imageFile(part.image_file.file_id));
					}
				}
			}
			else if (event === 'thread.run.requires_action') {
				answer(data);
			}
			else if (event === 'thread.run.failed' || event === 'thread.run.expired' || event === 'thread.run.incomplete') {
				bubble('run', h('p', { class: 'error' }, `Run ${data.status}: ${data.last_error?.message || data.incomplete_details?.reason || ''}`));
			}
			else if (event === 'error') {
				bubble('run', h('p', { class: 'error' }, data.message || JSON.stringify(data)));
			}
		});
	}

	function answer(run) {
		const calls = run.required_action.submit_tool_outputs.tool_calls;
		const outputs = calls.map((call) => h('textarea', { id: 'output-' + call.id, rows: 2 }));
		const answerForm = h('form', { 'aria-label': 'Answer the function calls' },
			calls.map((call, i) => [h('p', {}, h('strong', {}, call.function.name), h('pre', {}, call.function.arguments)),
				h('label', { for: 'output-' + call.id }, `Output of ${call.function.name}`), outputs[i]]),
			h('button', { type: 'submit', id: 'submit-outputs' }, 'Submit outputs'));
		answerForm.addEventListener('submit', async (event) => {
			event.preventDefault();
			answerForm.querySelector('button').disabled = true;
			await follow(`/threads/${run.thread_id}/runs/${run.id}/submit_tool_outputs`, {
				tool_outputs: calls.map((call, i) => ({ tool_call_id: call.id, output: outputs[i].value })) })
				.catch((e) => { error.textContent = e.message; });
		});
		bubble('function calls', answerForm);
		outputs[0]?.focus();
	}

	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		error.textContent = '';
		const message = input.value.trim();
		if (!message) {
			return;
		}
		const send = form.querySelector('#send');
		send.disabled = true;
		try {
			const assistant = assistants.data.find((candidate) => candidate.id === picker.value);
			if (!threadId) {
				threadId = (await api('/threads', { method: 'POST', body: {} })).id;
				note.replaceChildren('Thread ', h('a', { href: `#/threads/${threadId}` }, threadId));
			}
			const attached = await attachments(assistant);
			await api(`/threads/${threadId}/messages`, { method: 'POST', body: { role: 'user', content: message,
				attachments: attached.length ? attached : undefined } });
			bubble('user', message);
			input.value = '';
			await follow(`/threads/${threadId}/runs`, { assistant_id: assistant.id });
		}
		catch (e) {
			error.textContent = e.message;
		}
		finally {
			send.disabled = false;
		}
	});
	show(h('h1', {}, 'Playground'), h('label', { for: 'assistant' }, 'Assistant'), picker, note, log, form);
}

start();
