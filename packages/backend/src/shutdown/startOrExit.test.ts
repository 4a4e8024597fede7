import { STOP_BUDGET_MS } from './exitBackstop';
import { startOrExit } from './startOrExit';

describe('startOrExit', () => {
  let error: jest.SpyInstance;
  beforeEach(() => {
    error = jest.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    error.mockRestore();
    jest.useRealTimers();
  });

  it('prints why a start failed, closes what it opened and exits 1', async () => {
    const exit = jest.fn();
    const stop = jest.fn(async () => {});
    await startOrExit(
      {
        start: async () => {
          throw new Error(
            'Backend startup failed: prometheusFederation.refreshIntervalSeconds must be a positive number of seconds',
          );
        },
        stop,
      },
      exit,
    );
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('prometheusFederation.refreshIntervalSeconds'),
    );
    expect(stop).toHaveBeenCalled();
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('exits 1 after its budget when the stop after a failed start hangs', async () => {
    jest.useFakeTimers();
    const exit = jest.fn();
    void startOrExit(
      {
        start: () => Promise.reject(new Error('no database')),
        stop: () => new Promise(() => {}),
      },
      exit,
    );
    await jest.advanceTimersByTimeAsync(STOP_BUDGET_MS - 1);
    expect(exit).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('leaves a backend that started running', async () => {
    const exit = jest.fn();
    const stop = jest.fn(async () => {});
    await startOrExit({ start: async () => ({}), stop }, exit);
    expect(stop).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
  });
});
