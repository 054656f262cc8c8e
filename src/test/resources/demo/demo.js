// The demo page's whole client: plain JavaScript against the service's API, no build step, no library.
'use strict';

const PROFILE = 'demo';
const MULTIPART_FROM = 5 * 1024 * 1024;

// Served by the embedded run, the page calls it on its own origin. Served from elsewhere (another port, as a
// frontend in development is), it calls the service named by #api=http://localhost:8080, with the token in
// #token= when it has one, or a dev token from that service's /demo/token otherwise.
const settings = new URLSearchParams(location.hash.slice(1));
const API = settings.get('api') || '';

let token = settings.get('token');

async function api(path, body) {
  const response = await fetch(API + path, {
    method: 'POST',
    headers: { 'Authorization': `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) {
    throw new Error(`${answer.code || response.status}: ${answer.detail || response.statusText}`);
  }
  return answer;
}

// XHR rather than fetch: fetch reports no upload progress.
function send(method, url, headers, body, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers || {})) {
      // The browser sets Content-Length from the body itself; the signed value is the body's size.
      if (name.toLowerCase() !== 'content-length') xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300)
      ? resolve(xhr)
      : reject(new Error(`S3 answered ${xhr.status}: ${xhr.responseText.slice(0, 300)}`));
    xhr.onerror = () => reject(new Error('S3 could not be reached (CORS?)'));
    xhr.send(body);
  });
}

async function uploadWhole(file, contentType, progress) {
  const issued = await api('/v1/uploads', { profile: PROFILE, key: file.name, contentType, contentLength: file.size });
  await send(issued.method, issued.url, issued.headers, file, progress);
  return issued.key;
}

async function uploadInParts(file, contentType, progress) {
  const started = await api('/v1/multipart-uploads',
    { profile: PROFILE, key: file.name, contentType, contentLength: file.size });
  const numbers = Array.from({ length: started.partCount }, (_, i) => i + 1);
  const done = new Array(started.partCount + 1).fill(0);
  const parts = [];
  for (let first = 0; first < numbers.length; first += 100) {
    const signed = await api(`/v1/multipart-uploads/${encodeURIComponent(started.uploadId)}/parts`,
      { profile: PROFILE, fullKey: started.key, contentLength: file.size, partNumbers: numbers.slice(first, first + 100) });
    for (const part of signed.parts) {
      const start = (part.partNumber - 1) * started.partSize;
      const slice = file.slice(start, Math.min(file.size, start + started.partSize));
      const xhr = await send(part.url.method, part.url.url, part.url.headers, slice, (loaded) => {
        done[part.partNumber] = loaded;
        progress(done.reduce((a, b) => a + b, 0));
      });
      // S3 must expose ETag to the page (the bucket's CORS rule) or no upload can be completed.
      parts.push({ partNumber: part.partNumber, etag: xhr.getResponseHeader('ETag') });
    }
  }
  await api(`/v1/multipart-uploads/${encodeURIComponent(started.uploadId)}/complete`,
    { profile: PROFILE, fullKey: started.key, parts });
  return started.key;
}

function entry(file) {
  const item = document.createElement('li');
  item.innerHTML = '<div class="row"><span class="name"></span><span class="state muted">waiting</span></div>'
    + '<progress max="1" value="0"></progress>';
  item.querySelector('.name').textContent = `${file.name} (${file.size.toLocaleString()} bytes)`;
  document.getElementById('uploads').prepend(item);
  document.getElementById('empty').hidden = true;
  return item;
}

async function upload(file) {
  const item = entry(file);
  const state = item.querySelector('.state');
  const bar = item.querySelector('progress');
  bar.max = Math.max(file.size, 1);
  const contentType = file.type || 'application/octet-stream';
  const multipart = file.size > MULTIPART_FROM;
  state.textContent = multipart ? 'uploading in parts…' : 'uploading…';
  try {
    const key = await (multipart ? uploadInParts : uploadWhole)(file, contentType, (loaded) => { bar.value = loaded; });
    bar.value = bar.max;
    state.textContent = '';
    const link = document.createElement('button');
    link.textContent = 'Download';
    link.className = 'download';
    link.dataset.key = key;
    link.onclick = () => download(key, file.name, state);
    state.append(link);
    item.dataset.key = key;
  } catch (error) {
    state.textContent = error.message;
    state.className = 'state error';
  }
}

// A fresh URL at each click: issued URLs expire, the list on the page does not.
async function download(key, filename, state) {
  try {
    const issued = await api('/v1/downloads', { profile: PROFILE, fullKey: key, filename, disposition: 'attachment' });
    window.location.href = issued.url;
  } catch (error) {
    state.textContent = error.message;
    state.className = 'state error';
  }
}

async function signIn() {
  if (token) {
    document.getElementById('identity').textContent = `Calling ${API || 'this origin'} with the token it was given.`;
  }
  else {
    const response = await fetch(API + '/demo/token', { method: 'POST' });
    const answer = await response.json();
    token = answer.token;
    document.getElementById('identity').textContent =
      `Signed in as ${answer.user} with a dev token (JWT, scope demo) that expires at ${answer.expiresAt}.`;
  }
  document.getElementById('upload').disabled = false;
}

document.getElementById('upload').onclick = () => {
  const input = document.getElementById('files');
  [...input.files].forEach(upload);
  input.value = '';
};

signIn().catch((error) => {
  document.getElementById('identity').textContent = `No dev token: ${error.message}`;
});
