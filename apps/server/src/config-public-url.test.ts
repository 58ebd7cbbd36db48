/** PUBLIC_URL: checked at start-up (an operator's typo stops the server with a Vietnamese line), and the links' base. */
import { describe, expect, it } from 'vitest';
import { linkBase, loadConfig, publicUrlOf } from './config.ts';

describe('PUBLIC_URL', () => {
  it('keeps the address without its trailing slash, a path prefix included', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://chisocchc.sonha.gov.vn/' }).publicUrl).toBe('https://chisocchc.sonha.gov.vn');
    expect(loadConfig({ PUBLIC_URL: 'https://sonoivu.sonha.gov.vn/parindex/' }).publicUrl).toBe('https://sonoivu.sonha.gov.vn/parindex');
    expect(loadConfig({}).publicUrl).toBeUndefined();
  });

  it('refuses what is not a public web address, naming the variable', () => {
    for (const bad of ['chisocchc.sonha.gov.vn', 'ftp://sonha.gov.vn', 'https://sonha.gov.vn/?a=1'])
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL: phải là địa chỉ công khai/);
  });

  it('gives links the public address when set, else the request origin', () => {
    expect(linkBase('http://127.0.0.1:3000', publicUrlOf('https://chisocchc.sonha.gov.vn/'))).toBe('https://chisocchc.sonha.gov.vn');
    expect(linkBase('http://127.0.0.1:3000/', undefined)).toBe('http://127.0.0.1:3000');
  });
});
