import { describe, expect, it } from 'vitest';
import { gateRefusal, isTeamsServiceUrl } from './turn-gate';

describe('Teams service URLs', () => {
  it('accepts the Teams Bot Connector hosts of every cloud', () => {
    const urls = [
      'https://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net/teams/',
      'https://smba.infra.gcc.teams.microsoft.com/teams',
      'https://smba.infra.gov.teams.microsoft.us/teams',
      'https://smba.infra.dod.teams.microsoft.us/teams',
      'https://SMBA.trafficmanager.net:443/amer/',
    ];
    expect(urls.filter((url) => !isTeamsServiceUrl(url))).toEqual([]);
  });

  it('refuses anything else, look-alikes included', () => {
    const urls = [
      'http://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net.attacker.example/',
      'https://attacker.example/smba.trafficmanager.net/',
      'https://user:pw@smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net:8443/emea/',
      'http://127.0.0.1:3978/',
      'not a url',
    ];
    expect(urls.filter((url) => isTeamsServiceUrl(url))).toEqual([]);
  });
});

describe('the gate for authenticated activities', () => {
  const base = { type: 'message', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', from: { aadObjectId: 'aad-1' } };

  it('lets a Teams activity from a person with an AAD object id through', () => {
    expect(gateRefusal(base)).toBeNull();
    expect(gateRefusal({ ...base, type: 'conversationUpdate', from: {} })).toBeNull();
  });

  it('names why an activity is refused', () => {
    expect(gateRefusal({ ...base, channelId: 'webchat' })).toBe('channel');
    expect(gateRefusal({ ...base, serviceUrl: 'https://attacker.example/' })).toBe('service_url');
    expect(gateRefusal({ ...base, from: {} })).toBe('identity');
    expect(gateRefusal({ ...base, type: 'invoke', from: { aadObjectId: 42 } })).toBe('identity');
  });
});
