package dev.workshop.probe;

import dev.workshop.probe.weave.Weaver;
import dev.workshop.probe.weave.WeavingClassLoader;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.HttpServer;
import dev.workshop.runtime.LoopOwned;
import dev.workshop.runtime.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A small program that touches what solutions touch (timers, posts, the pool, loop-owned values,
 * the HTTP server, a callback long enough to be sampled), run under the probe once per JDK to record the child JVM's class-data archive.
 * Its main class is loaded as a solution's is: written to a folder, woven by the {@link
 * WeavingClassLoader} and started through a method handle, so that the weaver (ASM) and the class
 * loader's paths are archived too. It prints nothing and ends in a few hundred milliseconds.
 */
public final class Training {
  /** The solution-like main class, in the unnamed package as the exercises' are. */
  private static final String MAIN = "WorkshopTrainingMain";

  private Training() {}

  /**
   * Writes the main class to a temporary folder, loads it woven and runs it (it calls {@link
   * #program()}).
   */
  public static void main(String[] args) throws Throwable {
    Path folder = Files.createTempDirectory("workshop-training");
    try {
      Files.write(folder.resolve(MAIN + ".class"), mainClass());
      try (WeavingClassLoader loader =
          new WeavingClassLoader(folder, Training.class.getClassLoader())) {
        // This class's own file too, as the weaver meets a solution's: it names the runtime's
        // types (read from the runtime's jar) and has lambdas.
        try (InputStream own = Training.class.getResourceAsStream("Training.class")) {
          new Weaver(loader).weave(own.readAllBytes(), Training.class.getName());
        }
        MethodHandle main =
            MethodHandles.publicLookup()
                .findStatic(
                    Class.forName(MAIN, false, loader),
                    "main",
                    MethodType.methodType(void.class, String[].class));
        main.invokeExact(args);
      }
    } finally {
      try (var files = Files.list(folder)) {
        for (Path p : files.toList()) Files.deleteIfExists(p);
      } catch (IOException e) {
        // a temporary file left behind
      }
      Files.deleteIfExists(folder);
    }
  }

  /** {@code public class WorkshopTrainingMain { public static void main(String[] a) { Training.program(); } }} */
  private static byte[] mainClass() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    cw.visit(
        Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, MAIN, null, "java/lang/Object", null);
    MethodVisitor m =
        cw.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", "([Ljava/lang/String;)V", null, null);
    m.visitCode();
    m.visitMethodInsn(
        Opcodes.INVOKESTATIC, Training.class.getName().replace('.', '/'), "program", "()V", false);
    m.visitInsn(Opcodes.RETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** The program itself; public for the generated main class. */
  public static void program() {
    EventLoop loop = EventLoop.create();
    LoopOwned<StringBuilder> text = loop.own(new StringBuilder());
    Timer ticks = loop.setInterval(5, () -> text.get().append('.'));
    HttpServer server = loop.createHttpServer();
    server.get("/", (req, res) -> res.send("ok"));
    server.listen(0, () -> {});
    loop.post(
        () ->
            loop.queueWork(
                () -> {
                  Thread.sleep(20);
                  return String.format("%d", 42);
                },
                (error, result) -> {
                  text.get().append(result);
                  ticks.cancel();
                  server.close();
                }));
    loop.setTimeout(1, () -> text.get().append(System.nanoTime()));
    // A callback long enough for the watchdog to sample it.
    loop.setTimeout(
        2,
        () -> {
          long end = System.nanoTime() + 8_000_000;
          while (System.nanoTime() < end) {
            Thread.onSpinWait();
          }
        });
    loop.run();
  }
}
