/** UI state that belongs to no domain: active view, theme, command palette, confirmations, toasts. */
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { ViewId } from '../views.js';

export type ThemeChoice = 'system' | 'light' | 'dark';
export interface Toast {
  id: number;
  kind: 'info' | 'error' | 'ok';
  text: string;
}
/** What a risky action will hit, shown as its own rows so no confirm leaves the target implied. */
export interface ConfirmTarget {
  profile: string;
  environment: string;
  /** One topic, or several joined ("a, b"). */
  topic?: string | undefined;
  /** "12 messages", "for 30 s" … */
  count?: string | undefined;
}
/** A choice inside a confirm (e.g. replay to the original or to the active profile). */
export interface ConfirmChoice {
  value: string;
  label: string;
  /** Said plainly under the choices while this one is selected. */
  detail: string;
  target: ConfirmTarget;
  danger: boolean;
  disabled?: boolean | undefined;
}
export interface ConfirmOptions {
  confirmLabel?: string;
  danger?: boolean;
  target?: ConfirmTarget;
  choices?: ConfirmChoice[];
  /** The choice selected when the dialog opens. */
  choice?: string;
}
interface ConfirmRequest {
  title: string;
  text: string;
  confirmLabel: string;
  danger: boolean;
  target?: ConfirmTarget | undefined;
  choices?: ConfirmChoice[] | undefined;
  choice?: string | undefined;
  /** The chosen value when confirmed (the first choice, or 'ok' without choices); null when cancelled. */
  resolve: (answer: string | null) => void;
}

const THEME_KEY = 'workbench.theme';

export const useUiStore = defineStore('ui', () => {
  const view = ref<ViewId>('composer');
  const themeChoice = ref<ThemeChoice>((localStorage.getItem(THEME_KEY) as ThemeChoice | null) ?? 'system');
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const systemDark = ref(media.matches);
  media.addEventListener('change', (e) => (systemDark.value = e.matches));
  const theme = computed<'light' | 'dark'>(() => (themeChoice.value === 'system' ? (systemDark.value ? 'dark' : 'light') : themeChoice.value));
  watch(
    theme,
    (t) => {
      document.documentElement.dataset.theme = t;
    },
    { immediate: true },
  );
  watch(themeChoice, (c) => localStorage.setItem(THEME_KEY, c));

  const paletteOpen = ref(false);
  const confirmRequest = ref<ConfirmRequest | null>(null);
  const toasts = ref<Toast[]>([]);
  let toastId = 0;

  /** Bumped to re-mount the current view, which re-fetches its data (palette → Refresh). */
  const refreshKey = ref(0);
  /** What the target view should do on arrival (e.g. 'profiles:new'); the view clears it. */
  const intent = ref<string | null>(null);

  function go(v: ViewId, withIntent?: string): void {
    view.value = v;
    intent.value = withIntent ?? null;
  }

  function refreshView(): void {
    refreshKey.value++;
  }

  function cycleTheme(): void {
    themeChoice.value = themeChoice.value === 'system' ? 'light' : themeChoice.value === 'light' ? 'dark' : 'system';
  }

  /** Asks before a risky action; resolves true only on an explicit confirm (Cancel, Escape and a newer request are "no"). */
  async function confirm(title: string, text: string, opts: ConfirmOptions = {}): Promise<boolean> {
    return (await choose(title, text, opts)) !== null;
  }

  /** Like confirm, with choices (opts.choices): resolves the chosen value, or null when cancelled. */
  function choose(title: string, text: string, opts: ConfirmOptions = {}): Promise<string | null> {
    confirmRequest.value?.resolve(null);
    return new Promise((resolve) => {
      confirmRequest.value = {
        title,
        text,
        confirmLabel: opts.confirmLabel ?? 'Confirm',
        danger: opts.danger ?? false,
        target: opts.target,
        choices: opts.choices,
        choice: opts.choice ?? opts.choices?.find((c) => !c.disabled)?.value,
        resolve,
      };
    });
  }

  function answerConfirm(ok: boolean, choice?: string): void {
    const r = confirmRequest.value;
    confirmRequest.value = null;
    r?.resolve(ok ? (choice ?? r.choice ?? 'ok') : null);
  }

  function toast(text: string, kind: Toast['kind'] = 'info'): void {
    const id = ++toastId;
    toasts.value = [...toasts.value.slice(-3), { id, kind, text }];
    setTimeout(() => (toasts.value = toasts.value.filter((t) => t.id !== id)), kind === 'error' ? 8000 : 4000);
  }

  return {
    view,
    themeChoice,
    theme,
    paletteOpen,
    confirmRequest,
    toasts,
    refreshKey,
    intent,
    go,
    refreshView,
    cycleTheme,
    confirm,
    choose,
    answerConfirm,
    toast,
  };
});
