import { useId, type ReactNode } from 'react';

interface TabsProps<T extends string> {
  tabs: readonly T[];
  current: T;
  label: (tab: T) => string;
  onSelect: (tab: T) => void;
  /** Each tab's button is `${testId}-${tab}`. */
  testId: string;
  /** The current tab's content. */
  children: ReactNode;
}

/** A row of tabs and the current one's panel, wired for screen readers. */
export function Tabs<T extends string>({ tabs, current, label, onSelect, testId, children }: TabsProps<T>) {
  const id = useId();
  return (
    <>
      <div className="tabs" role="tablist">
        {tabs.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`${id}-${tab}-tab`}
            aria-controls={`${id}-${tab}`}
            aria-selected={current === tab}
            data-testid={`${testId}-${tab}`}
            onClick={() => onSelect(tab)}
          >
            {label(tab)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-${current}`} aria-labelledby={`${id}-${current}-tab`} className="tab-panel">
        {children}
      </div>
    </>
  );
}
