import { EventEmitter } from 'node:events';
import { exitAfterStopBudget, openHandles } from './exitBackstop';

describe('exitAfterStopBudget', () => {
  beforeEach(() => jest.useFakeTimers());
  // Stands in for the process: the test emits the signal, nobody else hears it.
  let signals: EventEmitter;
  beforeEach(() => {
    signals = new EventEmitter();
  });
  afterEach(() => jest.useRealTimers());

  it('exits non-zero, naming what is open, when the stop outlasts its budget after SIGTERM', () => {
    const exit = jest.fn();
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    exitAfterStopBudget(4000, exit, signals);
    signals.emit('SIGTERM');
    jest.advanceTimersByTime(3999);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(error.mock.calls[0][0]).toMatch(
      /^The backend's stop is still open after 4000 ms of SIGTERM \(.*\): exiting without it$/,
    );
    error.mockRestore();
  });

  it('does nothing before a signal', () => {
    const exit = jest.fn();
    exitAfterStopBudget(10, exit, signals);
    jest.advanceTimersByTime(1000);
    expect(exit).not.toHaveBeenCalled();
  });

  it('is taken away by the function it answers', () => {
    const exit = jest.fn();
    exitAfterStopBudget(10, exit, signals)();
    signals.emit('SIGTERM');
    jest.advanceTimersByTime(1000);
    expect(exit).not.toHaveBeenCalled();
  });
});

describe('openHandles', () => {
  it('counts the open handles by kind', async () => {
    const timers = [setTimeout(() => {}, 10_000), setTimeout(() => {}, 10_000)];
    expect(openHandles()).toMatch(/Timeout ×\d+/);
    timers.forEach(clearTimeout);
  });
});
