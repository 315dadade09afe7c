import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useUser } from '../auth/session';
import { useDateFormat } from '../hooks/useDateFormat';
import { useT } from '../i18n';
import { useRoomClient, useRoomState } from './context';

/** The contract's limit for one message. */
const MAX_MESSAGE_LENGTH = 2000;

export function ChatPanel() {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const client = useRoomClient();
  const { chat, selfId } = useRoomState();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const inputId = useId();

  // The newest message is at the bottom; keep it in view.
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [chat.length]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const message = text.trim();
    if (!message || sending) return;
    setSending(true);
    // Cleared only once the server has it, so a message is never lost to a dropped connection.
    if (await client.sendChat(message)) setText('');
    setSending(false);
  };

  return (
    <div className="chat">
      <ol ref={listRef} className="chat-messages" data-testid="chat-messages" aria-live="polite">
        {chat.length === 0 && <li className="muted chat-empty">{t('room.chat.empty')}</li>}
        {chat.map((message) => (
          <li key={message.id} className="chat-message" data-own={message.participantId === selfId || undefined}>
            <p className="chat-meta">
              <strong>{message.name}</strong> <time dateTime={message.sentAt}>{format.time(message.sentAt)}</time>
            </p>
            <p className="chat-text">{message.text}</p>
          </li>
        ))}
      </ol>
      <form className="chat-form" onSubmit={(event) => void send(event)}>
        <label htmlFor={inputId} className="visually-hidden">
          {t('room.chat.label')}
        </label>
        <input
          id={inputId}
          data-testid="chat-input"
          value={text}
          maxLength={MAX_MESSAGE_LENGTH}
          autoComplete="off"
          placeholder={t('room.chat.placeholder')}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="btn btn-primary" data-testid="chat-send" disabled={!text.trim() || sending}>
          {t('room.chat.send')}
        </button>
      </form>
    </div>
  );
}
