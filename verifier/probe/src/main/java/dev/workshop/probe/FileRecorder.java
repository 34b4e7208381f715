package dev.workshop.probe;

import dev.workshop.runtime.instrument.JobEvent;
import dev.workshop.runtime.instrument.JobKind;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the runtime's descriptor-level file calls ({@code fs().open}, {@code read}, {@code
 * close}): for each such pool job, when it was queued, which descriptor and file it touched and
 * how many bytes a read asked for and got ({@link ReportFormat#FILE_CALL}). The job's own record
 * ({@link ReportFormat#JOB}, same id) says when and where it ran; together they show a {@code
 * readFile} chunk by chunk.
 */
final class FileRecorder {
  private final Report report;

  /** Queue time (report time) of each file job not yet done, by job id. */
  private final Map<Long, Long> queued = new ConcurrentHashMap<>();

  FileRecorder(Report report) {
    this.report = report;
  }

  /** A job entered the pool's queue; called with the pool's lock held, so only a map put. */
  void queued(JobEvent job) {
    JobKind k = job.kind();
    if (k == JobKind.FS_OPEN || k == JobKind.FS_READ || k == JobKind.FS_CLOSE) {
      queued.put(job.id(), report.now());
    }
  }

  /** The file call did its work, on its pool thread, before its job ends. */
  void called(JobEvent job, int fd, String path, int length, int bytes) {
    Long q = queued.remove(job.id());
    report.write(
        ReportFormat.FILE_CALL,
        job.id(),
        job.kind().name(),
        q == null ? -1 : q,
        fd,
        length,
        bytes,
        path);
  }
}
