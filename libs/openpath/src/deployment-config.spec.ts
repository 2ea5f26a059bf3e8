import { connectUrlOf, deploymentConfigOf } from './deployment-config';
import { modeOfLabel } from './openpath-labels.service';

describe(deploymentConfigOf.name, () => {
  it('points the app at muvo under its prefix, whatever slashes the URL has', () => {
    expect(connectUrlOf('https://api.muvo.example', 'openpath')).toBe('https://api.muvo.example/openpath/');
    expect(connectUrlOf('https://muvo.example/api/', 'openpath')).toBe('https://muvo.example/api/openpath/');
    expect(() => connectUrlOf('ftp://x', 'openpath')).toThrow();
  });

  it('offers exactly muvo’s modes as labels, and the opcode rules of muvo’s tokens', () => {
    const config = deploymentConfigOf({ id: 'palermo', name: 'Palermo', autogen: false }, 'https://x/openpath/');
    expect(config.server.connectUrl).toBe('https://x/openpath/');
    expect(config.opcode).toEqual({ autogen: false, subgroups: ['default'] });
    expect(config.label_options.MODE.map((m) => m.value)).toEqual(['walk', 'bike', 'bus', 'train', 'car']);
    // Every label the app can send is a muvo mode.
    expect(config.label_options.MODE.map((m) => modeOfLabel(m.value))).toEqual(['walk', 'bike', 'bus', 'train', 'car']);
    expect(config.admin_dashboard.token_prefix).toBe('nrelop_palermo');
  });
});
