import { describe, expect, it } from 'vitest';
import { fromBilingual, toBilingual } from './clubText';
import {
  attendanceText,
  correctedAttendance,
  dropOrder,
  entryPatch,
  focusAfterMove,
  impactPath,
  itemRecordings,
  minutesVersionChoices,
  parseAttendance,
  participantsOf,
  quorumInput,
  quorumState,
  recommendationsOf,
  recordingDraft,
  sessionBody,
  slotText,
} from './viewLogic';

describe('agenda slots', () => {
  it('read as start and length in minutes, or nothing without a slot', () => {
    expect(slotText({ start: '10:20', minutes: 15 } as never)).toBe('10:20 (15′)');
    expect(slotText(undefined)).toBe('');
  });
});

describe('dropping an agenda entry onto another', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('puts an entry dragged up before the one it was dropped on', () => {
    expect(dropOrder(ids, 'd', 'a')).toEqual(['d', 'a', 'b', 'c']);
    expect(dropOrder(ids, 'c', 'b')).toEqual(['a', 'c', 'b', 'd']);
  });
  it('puts an entry dragged down after the one it was dropped on', () => {
    expect(dropOrder(ids, 'a', 'c')).toEqual(['b', 'c', 'a', 'd']);
    expect(dropOrder(ids, 'b', 'd')).toEqual(['a', 'c', 'd', 'b']);
  });
  it('moves nothing when dropped on itself or on something not in the list', () => {
    expect(dropOrder(ids, 'b', 'b')).toBeNull();
    expect(dropOrder(ids, 'x', 'b')).toBeNull();
  });
});

describe('focus after a move', () => {
  it('stays on the button used, or the other one at an end of the list', () => {
    expect(focusAfterMove(['b', 'a', 'c'], 'a', 'down')).toBe('down');
    expect(focusAfterMove(['b', 'c', 'a'], 'a', 'down')).toBe('up');
    expect(focusAfterMove(['a', 'b', 'c'], 'a', 'up')).toBe('down');
    expect(focusAfterMove(['b', 'a', 'c'], 'a', 'up')).toBe('up');
  });
});

describe('attendance as typed', () => {
  it('reads one name a line, "-" marking someone absent, blank lines ignored', () => {
    expect(parseAttendance(' Айгүл Серікова\n\n- Иван Петров \n-\nBob\n')).toEqual([
      { name: 'Айгүл Серікова', present: true },
      { name: 'Иван Петров', present: false },
      { name: 'Bob', present: true },
    ]);
  });
});

describe('bilingual fields', () => {
  it('send both languages, one language as a plain string, nothing when blank', () => {
    expect(fromBilingual({ kk: ' Жол ', ru: 'Дорога' })).toEqual({ kk: 'Жол', ru: 'Дорога' });
    expect(fromBilingual({ kk: '', ru: 'Дорога' })).toBe('Дорога');
    expect(fromBilingual({ kk: ' ', ru: '' })).toBeUndefined();
  });
  it('start from what is stored, a language not written yet empty', () => {
    expect(toBilingual({ kk: 'Жол', en: 'Road' })).toEqual({ kk: 'Жол', ru: '' });
    expect(toBilingual(undefined)).toEqual({ kk: '', ru: '' });
  });
});

describe('what the forms send', () => {
  it('an agenda entry: minutes as a number, an empty presenter and body left out, notes always', () => {
    expect(entryPatch({ minutes: '25', presenter: '  ', bodyId: '', notes: { kk: '', ru: '' } })).toEqual({
      minutes: 25,
      notes: '',
    });
    expect(
      entryPatch({
        minutes: '10',
        presenter: ' Асан ',
        bodyId: 'zha-roads',
        notes: { kk: 'Ескерту', ru: '' },
      }),
    ).toEqual({ minutes: 10, presenter: 'Асан', bodyId: 'zha-roads', notes: 'Ескерту' });
  });
  it('participants: an official when a body is chosen, a member otherwise', () => {
    expect(
      participantsOf([
        { key: '1', name: 'Асан', bodyId: '' },
        { key: '2', name: 'Болат', bodyId: 'zha-roads' },
      ]),
    ).toEqual([
      { kind: 'member', name: 'Асан' },
      { kind: 'official', name: 'Болат', bodyId: 'zha-roads' },
    ]);
  });
  it('recommendations keep the id of one recorded before, a new one has none', () => {
    expect(
      recommendationsOf([
        { key: '1', id: 'r1', text: { kk: 'А', ru: 'Б' }, bodyId: 'b', due: '2099-01-31' },
        { key: '2', text: { kk: '', ru: 'В' }, bodyId: 'c', due: '2099-02-01' },
      ]),
    ).toEqual([
      { id: 'r1', text: { kk: 'А', ru: 'Б' }, bodyId: 'b', due: '2099-01-31' },
      { text: 'В', bodyId: 'c', due: '2099-02-01' },
    ]);
  });
  it('a session: the wall-clock start to the minute, the link only when given', () => {
    expect(
      sessionBody({
        title: { kk: 'Отырыс', ru: '' },
        startsAt: '2026-12-10T15:00:00',
        duration: '90',
        venue: { kk: 'Орталық', ru: 'Центр' },
        format: 'in_person',
        link: '',
      }),
    ).toEqual({
      title: 'Отырыс',
      startsAt: '2026-12-10T15:00',
      durationMinutes: 90,
      venue: { kk: 'Орталық', ru: 'Центр' },
      format: 'in_person',
    });
  });
});

describe('correcting published minutes', () => {
  const published = [
    { name: 'Айгерім Сейітова', present: true },
    { name: 'Roads Official', present: true, bodyId: 'zha-roads' },
    { name: 'Ерлан Б.', present: false },
  ];
  it('starts from the published attendance, read back as the same people', () => {
    expect(attendanceText(published)).toBe('Айгерім Сейітова\nRoads Official\n- Ерлан Б.');
    expect(parseAttendance(attendanceText(published))).toEqual([
      { name: 'Айгерім Сейітова', present: true },
      { name: 'Roads Official', present: true },
      { name: 'Ерлан Б.', present: false },
    ]);
  });
  it('keeps each official’s body, so members are counted for the quorum as before', () => {
    expect(correctedAttendance('Roads Official\nЕрлан Б.', published)).toEqual([
      { name: 'Roads Official', present: true, bodyId: 'zha-roads' },
      { name: 'Ерлан Б.', present: true },
    ]);
  });
});

describe('the quorum', () => {
  it('is met when the members present reach the required number, short below it', () => {
    expect(quorumState({ quorumRequired: 5, quorumPresent: 5 })).toBe('met');
    expect(quorumState({ quorumRequired: 5, quorumPresent: 4 })).toBe('short');
  });
  it('is not judged when the club had set no quorum', () => {
    expect(quorumState({ quorumPresent: 4 })).toBeNull();
  });
  it('is set as a whole number from 1 to 200', () => {
    expect(quorumInput(' 7 ')).toBe(7);
    expect(quorumInput('0')).toBeNull();
    expect(quorumInput('201')).toBeNull();
    expect(quorumInput('2.5')).toBeNull();
    expect(quorumInput('')).toBeNull();
  });
});

describe('the minutes version picker', () => {
  it('offers every version, newest first', () => {
    expect(minutesVersionChoices(3)).toEqual([3, 2, 1]);
    expect(minutesVersionChoices(1)).toEqual([1]);
  });
});

describe('recording links', () => {
  it('are sent as https links with an "HH:mm" start', () => {
    expect(recordingDraft(' https://video.example.kz/7 ', '15:40')).toEqual({
      ok: true,
      body: { url: 'https://video.example.kz/7', start: '15:40' },
    });
    expect(recordingDraft('http://video.example.kz/7', '15:40')).toEqual({ ok: false, reason: 'httpsOnly' });
    expect(recordingDraft('javascript:alert(1)', '15:40')).toEqual({ ok: false, reason: 'httpsOnly' });
    expect(recordingDraft('https://video.example.kz/7', '25:00')).toEqual({ ok: false, reason: 'time' });
  });
  it('show on the item for each session that considered it and has a recording or a broadcast, newest first', () => {
    const rec = { url: 'https://v/1', start: '15:20' };
    const sessions = [
      { id: 'a', startUtc: '2026-01-01T10:00:00Z', entries: [{ itemId: 'i', recording: rec }] },
      { id: 'b', startUtc: '2026-02-01T10:00:00Z', link: 'https://live/b', entries: [{ itemId: 'i' }] },
      { id: 'c', startUtc: '2026-03-01T10:00:00Z', entries: [{ itemId: 'i' }] },
      { id: 'd', startUtc: '2026-04-01T10:00:00Z', link: 'https://live/d', entries: [{ itemId: 'other' }] },
    ];
    expect(itemRecordings(sessions, 'i').map((r) => [r.session.id, r.recording?.start])).toEqual([
      ['b', undefined],
      ['a', '15:20'],
    ]);
  });
});

describe('impact sums', () => {
  it('come from the club’s ledger, one session’s or one body’s', () => {
    expect(impactPath({})).toBe('/api/club/impact');
    expect(impactPath({ sessionId: '01ABC' })).toBe('/api/club/impact?sessionId=01ABC');
    expect(impactPath({ bodyId: 'zha-roads' })).toBe('/api/bodies/zha-roads/impact');
  });
});
