// cognito-totp's own settings (configure list|get|set|unset): not built yet, so nothing is set.
export type SettingKey = 'backend' | 'stateFile' | 'issuer' | 'output' | 'region' | 'color';

export function readSetting(_env: NodeJS.ProcessEnv, _key: SettingKey): string | undefined {
  return undefined;
}
