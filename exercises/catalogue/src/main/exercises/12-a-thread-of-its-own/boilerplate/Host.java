// Provided by the exercise: do not change this file. The verifier runs its own copy.

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Timer;

/**
 * Calls your PrimeWorker.countPrimes and shows whether main stayed free meanwhile.
 *
 * <p>Run it as {@code java Host <limit>}. A repeating timer prints a dot every 20 ms for as long
 * as main is free. Your code hands each tally to {@link Tally#update}, on main; the host prints it,
 * and once the tally has checked every number below the limit, prints the result and stops the
 * dots. With nothing left to do, {@code loop.run()} returns and the program ends.
 */
public class Host {

  /** Where your code reports the count, on main. */
  public interface Tally {
    /**
     * How far the count has come: {@code checked} numbers looked at (all of 0 .. checked - 1),
     * {@code found} primes among them. Call it on main, with checked == limit at the end.
     */
    void update(long checked, long found);
  }

  public static void main(String[] args) {
    int limit = Integer.parseInt(args[0]);
    EventLoop loop = EventLoop.create();
    Timer dots = loop.setInterval(20, () -> System.out.print("."));
    PrimeWorker.countPrimes(
        loop,
        limit,
        (checked, found) -> {
          if (checked < limit) {
            System.out.println(" " + checked + " checked, " + found + " primes");
          } else {
            System.out.println(" " + found + " primes below " + limit);
            dots.cancel();
          }
        });
    loop.run();
  }
}
