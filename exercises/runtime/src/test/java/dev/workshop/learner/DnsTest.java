package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.Dns;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.ThreadPool;
import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.JobKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * lookup on the pool, resolve on a thread of its own, both through the runtime's resolver hook:
 * no test here touches the network.
 */
@Timeout(60)
class DnsTest {
  @TempDir Path dir;

  /** Names the fake name server knows; "slow-" names wait for the gate first. */
  private final CountDownLatch gate = new CountDownLatch(1);

  /** Counts the slow lookups that reached the name server; "api." names wait for it first. */
  private CountDownLatch slowArrived = new CountDownLatch(0);

  private final List<String> resolverThreads = Collections.synchronizedList(new ArrayList<>());

  private List<InetAddress> fakeNameServer(String host) throws Exception {
    resolverThreads.add(Thread.currentThread().getName());
    if (host.startsWith("slow-")) {
      slowArrived.countDown();
      if (!gate.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
    }
    if (host.startsWith("api.") && !slowArrived.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the slow lookups never all started");
    }
    if (host.endsWith(".invalid")) throw new UnknownHostException(host);
    if (host.startsWith("empty")) return List.of();
    return List.of(
        InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7}),
        InetAddress.getByAddress(host, new byte[] {10, 0, 0, 8}));
  }

  @AfterEach
  void reset() {
    gate.countDown();
    Dns.setResolver(null);
    Instrumentation.install(null);
  }

  @Test
  void lookupRunsTheResolverOnAPoolThreadAndCallsBackOnMain() {
    Dns.setResolver(this::fakeNameServer);
    JobRecorder rec = new JobRecorder();
    Instrumentation.install(rec);
    EventLoop loop = EventLoop.create();
    List<String> got = new ArrayList<>();
    loop.lookup(
        "db.example",
        (err, address) -> {
          assertNull(err);
          got.add(address.getHostAddress() + " on " + Thread.currentThread().getName());
        });
    loop.run();
    Instrumentation.install(null);

    assertEquals(List.of("10.0.0.7 on " + Thread.currentThread().getName()), got);
    assertEquals(1, resolverThreads.size());
    assertTrue(resolverThreads.get(0).matches("pool-\\d+"), resolverThreads.toString());
    var started = rec.of("jobStarted", JobKind.LOOKUP);
    assertEquals(1, started.size());
    assertEquals(resolverThreads.get(0), started.get(0).thread(), "the job's thread ran it");
    assertEquals(1, rec.of("jobWaited", JobKind.LOOKUP).size());
    assertTrue(rec.callbacks().stream().anyMatch(c -> c.callback().kind() == CallbackKind.DNS));
  }

  @Test
  void aNameThatDoesNotResolveIsAnErrorInTheCallbackNodeStyle() {
    Dns.setResolver(this::fakeNameServer);
    EventLoop loop = EventLoop.create();
    List<Throwable> errors = new ArrayList<>();
    loop.lookup(
        "nosuch.invalid",
        (err, address) -> {
          errors.add(err);
          assertNull(address);
        });
    loop.lookup("empty.example", (err, address) -> errors.add(err));
    loop.resolve(
        "nosuch.invalid",
        (err, addresses) -> {
          errors.add(err);
          assertNull(addresses);
        });
    loop.run();

    assertEquals(3, errors.size(), errors.toString());
    errors.forEach(e -> assertInstanceOf(UnknownHostException.class, e));
    // they arrive in any order: resolve does not wait in the pool's queue
    List<String> messages = errors.stream().map(Throwable::getMessage).sorted().toList();
    assertTrue(messages.get(0).startsWith("getaddrinfo ENOTFOUND empty.example"), messages.get(0));
    assertTrue(messages.get(1).startsWith("getaddrinfo ENOTFOUND nosuch.invalid"), messages.get(1));
    assertTrue(messages.get(2).startsWith("queryA ENOTFOUND nosuch.invalid"), messages.get(2));
  }

  @Test
  void slowLookupsStarveFileWorkOnThePoolWhileResolveDoesNotNeedThePool() throws Exception {
    Dns.setResolver(this::fakeNameServer);
    Path file = Files.writeString(dir.resolve("f.txt"), "starved");
    JobRecorder rec = new JobRecorder();
    Instrumentation.install(rec);
    EventLoop loop = EventLoop.create();
    int lanes = ThreadPool.size();
    slowArrived = new CountDownLatch(lanes);
    List<String> order = new ArrayList<>();
    // every lane gets a slow lookup; the file's open queues up behind them
    for (int i = 0; i < lanes; i++) {
      loop.lookup("slow-" + i + ".example", (err, address) -> order.add("lookup"));
    }
    loop.fs()
        .open(
            file,
            (err, fd) -> {
              order.add("open");
              loop.fs().close(fd, (e, x) -> {});
            });
    // resolve does not queue on the pool: once every lane holds a slow lookup, it still answers
    loop.resolve(
        "api.example",
        (err, addresses) -> {
          assertNull(err);
          assertEquals(2, addresses.size());
          order.add("resolve");
          assertEquals(lanes, loop.pool().running(), "every lane still holds a slow lookup");
          assertTrue(loop.pool().queueLength() >= 1, "the open still waits in the queue");
          gate.countDown(); // the name server answers at last
        });
    loop.run();
    Instrumentation.install(null);

    assertEquals("resolve", order.get(0), order.toString());
    assertTrue(order.indexOf("open") > order.indexOf("lookup"), "open after a lookup freed a lane");
    assertEquals(lanes + 2, order.size(), order.toString());

    var resolves = rec.entries.stream().filter(e -> e.what().equals("resolveStarted")).toList();
    assertEquals(1, resolves.size());
    assertTrue(resolves.get(0).thread().matches("dns-\\d+"), resolves.get(0).thread());
    assertEquals(JobKind.RESOLVE, resolves.get(0).job().kind());
    assertTrue(rec.of("jobStarted", JobKind.RESOLVE).isEmpty(), "resolve is no pool job");
    // the open started only after a lookup had ended: starved, and the listener saw it wait
    long open = rec.of("jobStarted", JobKind.FS_OPEN).get(0).job().id();
    int openStarted = rec.indexOf("jobStarted", open);
    assertTrue(
        rec.of("jobEnded", JobKind.LOOKUP).stream()
            .anyMatch(e -> rec.entries.indexOf(e) < openStarted));
    assertTrue(rec.entries.get(rec.indexOf("jobWaited", open)).nanos() > 0);
    assertFalse(resolverThreads.stream().filter(t -> t.startsWith("dns-")).toList().isEmpty());
  }

  @Test
  void theJdkResolverAnswersForAnAddressWithoutAskingTheNetwork() {
    EventLoop loop = EventLoop.create();
    List<String> got = new ArrayList<>();
    loop.lookup("127.0.0.1", (err, address) -> got.add("lookup " + address.getHostAddress()));
    loop.resolve("127.0.0.1", (err, all) -> got.add("resolve " + all.get(0).getHostAddress()));
    loop.run();
    assertTrue(got.containsAll(List.of("lookup 127.0.0.1", "resolve 127.0.0.1")), got.toString());
  }
}
