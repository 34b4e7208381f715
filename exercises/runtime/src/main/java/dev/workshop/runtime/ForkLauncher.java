package dev.workshop.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * The runtime's own first class in a forked JVM ({@link EventLoop#fork(String, String...)}, {@link
 * Cluster#fork(EventLoop)}): it connects the message channel to the parent, then runs the main
 * class it was given. You never call it yourself; it shows up at the bottom of a forked child's
 * stack traces.
 */
public final class ForkLauncher {
  private ForkLauncher() {}

  /**
   * Connects to the parent, then runs {@code args[0]}'s {@code main} with the other arguments.
   *
   * @param args the main class, then its arguments
   * @throws Throwable whatever the main class's {@code main} throws, unchanged
   */
  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: ForkLauncher MainClass [args...] (started by loop.fork)");
      System.exit(2);
    }
    Parent.connect(System.getenv(Fork.IPC_ENV));
    MethodHandle main;
    try {
      // The context class loader: a tool that runs this class may load the program's classes
      // its own way (the verifier's probe weaves them).
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) loader = ForkLauncher.class.getClassLoader();
      Class<?> c = Class.forName(args[0], false, loader);
      Method m = c.getMethod("main", String[].class);
      if (!Modifier.isStatic(m.getModifiers())) throw new NoSuchMethodException("not static");
      m.setAccessible(true); // as the java launcher, accept a class that is not public
      main = MethodHandles.lookup().unreflect(m);
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      System.err.println(
          "error: cannot run " + args[0] + ": it has no public static void main(String[] args)");
      System.exit(1);
      return;
    }
    main.invokeExact(Arrays.copyOfRange(args, 1, args.length));
  }
}
