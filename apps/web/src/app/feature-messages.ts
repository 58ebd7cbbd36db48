import { useI18n } from './i18n.tsx';
import type { Lang } from './messages.ts';

/**
 * A feature's own strings, Vietnamese and English, kept beside the feature so that the shared
 * messages.ts stays small. `vi` defines the shape; `en` must match it (checked by tsc).
 */
export function useFeatureMessages<T>(dict: Record<Lang, T>): T {
  return dict[useI18n().lang];
}
