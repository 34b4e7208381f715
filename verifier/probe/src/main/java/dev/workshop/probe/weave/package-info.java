/**
 * Exact events from the solution's bytecode: {@link dev.workshop.probe.weave.WeavingClassLoader}
 * loads the solution's classes woven by {@link dev.workshop.probe.weave.Weaver}; the woven code
 * calls {@link dev.workshop.probe.weave.Hooks} and its siblings ({@code BlockingHooks},
 * {@code ProcessHooks}, {@code PollHooks}; {@link dev.workshop.probe.weave.Rules} says which call
 * goes where), which forward to the one installed
 * {@link dev.workshop.probe.weave.WeaveListener}; sites are numbers into
 * {@link dev.workshop.probe.weave.Sites}. See docs/verifier.md, "Exact events: the weaver".
 */
package dev.workshop.probe.weave;
