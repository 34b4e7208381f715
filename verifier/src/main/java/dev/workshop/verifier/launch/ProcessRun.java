package dev.workshop.verifier.launch;

import java.time.Duration;

/**
 * How one child process ended.
 *
 * @param pid its process id
 * @param exitCode its exit code (after a kill, what the kill left)
 * @param timedOut whether it was killed at the timeout
 * @param stdout the first part of its standard output, up to the cap
 * @param stderr the first part of its standard error, up to the cap
 * @param stdoutDropped how many characters of standard output went past the cap
 * @param stderrDropped how many characters of standard error went past the cap
 * @param duration from start to end
 */
public record ProcessRun(
    long pid,
    int exitCode,
    boolean timedOut,
    String stdout,
    String stderr,
    long stdoutDropped,
    long stderrDropped,
    Duration duration) {}
