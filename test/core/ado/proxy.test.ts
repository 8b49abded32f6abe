import assert from 'node:assert/strict';
import { parseNoProxy, proxyFor, type ProxySettings } from '../../../core/ado/proxy';
import { InputError, parseBypassPatterns, parseProxyUrl } from '../../../core/guard/inputs';

const HTTP = { url: 'http://proxy:3128' };
const HTTPS = { url: 'http://secure-proxy:3129' };
const settings = (bypass: ProxySettings['bypass'] = []): ProxySettings => ({ http: HTTP, https: HTTPS, bypass });

describe('proxy: which requests go through which proxy', () => {
  it('sends http and https through their own proxies, and nothing through none', () => {
    assert.equal(proxyFor('http://dev.azure.com/contoso', settings()), HTTP);
    assert.equal(proxyFor('https://dev.azure.com/contoso', settings()), HTTPS);
    assert.equal(proxyFor('https://dev.azure.com/contoso', { http: HTTP, bypass: [] }), undefined);
    assert.equal(proxyFor('https://dev.azure.com/contoso', undefined), undefined);
  });

  it('reads NO_PROXY as undici does: names exactly, leading dots and stars as suffixes, ports, and * for all', () => {
    const direct = (noProxy: string, url: string) => proxyFor(url, settings(parseNoProxy(noProxy))) === undefined;
    assert.ok(direct('dev.azure.com', 'https://dev.azure.com/contoso'));
    assert.ok(direct('DEV.azure.com', 'https://dev.AZURE.com/contoso'), 'case-insensitive');
    assert.ok(!direct('azure.com', 'https://dev.azure.com/contoso'), 'a plain name is that host alone');
    assert.ok(direct('.azure.com', 'https://dev.azure.com/contoso'));
    assert.ok(direct('*.azure.com', 'https://dev.azure.com/contoso'));
    assert.ok(direct('localhost, 127.0.0.1 dev.azure.com', 'https://dev.azure.com/contoso'), 'commas or spaces between entries');
    assert.ok(direct('dev.azure.com:443', 'https://dev.azure.com/contoso'), 'the default port counts');
    assert.ok(!direct('dev.azure.com:8443', 'https://dev.azure.com/contoso'));
    assert.ok(direct('127.0.0.1:8080', 'http://127.0.0.1:8080/demo'));
    assert.ok(direct('*', 'https://anything.example/x'));
    assert.ok(!direct('', 'https://dev.azure.com/contoso'));
  });

  it('reads the agent’s bypass list as task-lib does: regular expressions over the whole URL, ignoring case', () => {
    const bypass = parseBypassPatterns(['dev\\.azure\\.com', '', 'contoso/_apis']);
    assert.equal(bypass.length, 2, 'empty lines are no entries');
    assert.equal(proxyFor('https://DEV.azure.com/x', settings(bypass)), undefined);
    assert.equal(proxyFor('https://vssps.example/contoso/_apis/x', settings(bypass)), undefined, 'the path is part of what is matched');
    assert.equal(proxyFor('https://vstoken.dev.azure.invalid/x', settings(bypass)), HTTPS);
    assert.throws(
      () => parseBypassPatterns(['(unclosed']),
      (e: unknown) => e instanceof InputError && e.key === 'input.proxyBypassInvalid' && e.params.entry === '(unclosed',
    );
  });

  it('takes the proxy’s credentials out of its URL, and refuses what is not an http proxy without repeating it', () => {
    assert.deepEqual(parseProxyUrl('http://me:p%40ss%3Aword@proxy:3128/', 'HTTPS_PROXY'), {
      url: 'http://proxy:3128',
      username: 'me',
      password: 'p@ss:word',
    });
    assert.deepEqual(parseProxyUrl('http://proxy:3128', 'Agent.ProxyUrl', { username: 'svc', password: 'secret' }), {
      url: 'http://proxy:3128',
      username: 'svc',
      password: 'secret',
    });
    assert.deepEqual(parseProxyUrl(' https://proxy ', '--proxy'), { url: 'https://proxy' });
    for (const bad of ['socks5://me:secret@proxy:1080', 'proxy:3128', 'http://me:secret@proxy:3128/path', 'not a url']) {
      assert.throws(
        () => parseProxyUrl(bad, 'HTTPS_PROXY'),
        (e: unknown) => e instanceof InputError && e.key === 'input.proxyUrlInvalid' && !JSON.stringify(e.params).includes('secret'),
      );
    }
  });
});
