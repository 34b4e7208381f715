package dev.workshop.runtime;

import java.io.IOException;
import java.nio.channels.SelectionKey;

/** Internal base of every handle: active/ref'd bookkeeping for the loop's lifetime rule. */
abstract class LoopHandle {
  final EventLoop loop;
  boolean active;
  boolean refed = true;

  LoopHandle(EventLoop loop) {
    this.loop = loop;
  }

  final void activate() {
    if (!active) {
      active = true;
      if (refed) loop.refs++;
    }
  }

  final void deactivate() {
    if (active) {
      active = false;
      if (refed) loop.refs--;
    }
  }

  final void doRef(String what) {
    loop.checkThread(what);
    if (!refed) {
      refed = true;
      if (active) loop.refs++;
    }
  }

  final void doUnref(String what) {
    loop.checkThread(what);
    if (refed) {
      refed = false;
      if (active) loop.refs--;
    }
  }

  /** Selector readiness, on the loop thread. */
  void ioReady(SelectionKey key) throws IOException {}

  /** An I/O error outside of any learner callback. */
  void ioFailed(IOException e) {}
}
