// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;

/**
 * Calls your Counters.count for a few rounds, one after the other, and prints what each round
 * reports.
 *
 * <p>Run it as {@code java Host <times> <rounds>}. In each round, your code starts four workers
 * that each add 1 to one shared counter {@code times} times, and a fifth that waits for main's
 * signal. Your code hands the round's results to {@link Round}, on main; the host prints them, and
 * once both came, starts the next round. With nothing left to do, {@code loop.run()} returns and
 * the program ends.
 */
public class Host {

  /** Where one round of your code reports, on main. */
  public interface Round {
    /** The shared counter, read once the four adders have ended: 4 x times when none was lost. */
    void total(long total);

    /** What the waiting worker read from the counter once main's signal woke it. */
    void waiterRead(long total);
  }

  public static void main(String[] args) {
    int times = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    EventLoop loop = EventLoop.create();
    round(loop, times, 1, rounds);
    loop.run();
  }

  private static void round(EventLoop loop, int times, int n, int rounds) {
    boolean[] told = new boolean[2];
    Runnable next =
        () -> {
          if (told[0] && told[1] && n < rounds) round(loop, times, n + 1, rounds);
        };
    Counters.count(
        loop,
        times,
        new Round() {
          @Override
          public void total(long total) {
            System.out.println("round " + n + ": total " + total);
            told[0] = true;
            next.run();
          }

          @Override
          public void waiterRead(long total) {
            System.out.println("round " + n + ": the waiter read " + total);
            told[1] = true;
            next.run();
          }
        });
  }
}
