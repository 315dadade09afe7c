import { useId, useState } from 'react';
import { useT } from '../i18n';
import { ChatPanel } from './ChatPanel';
import { useRoomState } from './context';
import { ParticipantsPanel } from './ParticipantsPanel';

type Tab = 'chat' | 'people';

/** Chat and the participant list. Both stay mounted so a half-typed message survives a look at the list. */
export function SidePanel() {
  const t = useT();
  const { participants } = useRoomState();
  const [tab, setTab] = useState<Tab>('chat');
  const id = useId();
  const tabs: Array<{ tab: Tab; label: string }> = [
    { tab: 'chat', label: t('room.panel.chat') },
    { tab: 'people', label: t('room.panel.people', { count: participants.length }) },
  ];
  return (
    <div className="room-side-panel" data-testid="room-side-panel">
      <div className="tabs" role="tablist">
        {tabs.map((item) => (
          <button
            key={item.tab}
            type="button"
            role="tab"
            id={`${id}-${item.tab}-tab`}
            aria-controls={`${id}-${item.tab}`}
            aria-selected={tab === item.tab}
            data-testid={`tab-${item.tab}`}
            onClick={() => setTab(item.tab)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${id}-chat`}
        aria-labelledby={`${id}-chat-tab`}
        className="tab-panel"
        hidden={tab !== 'chat'}
      >
        <ChatPanel />
      </div>
      <div
        role="tabpanel"
        id={`${id}-people`}
        aria-labelledby={`${id}-people-tab`}
        className="tab-panel"
        hidden={tab !== 'people'}
      >
        <ParticipantsPanel />
      </div>
    </div>
  );
}
