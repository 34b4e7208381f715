/**
 * Hooks through which the workshop's verifier watches a running solution: each callback's start
 * and end on the loop thread (so a listener can time it), each job on the pool, and each thread
 * that touched a loop-owned value it should not have.
 *
 * <p>Learners never need this package. Authors and the verifier install one
 * {@link dev.workshop.runtime.instrument.RuntimeListener} with
 * {@link dev.workshop.runtime.instrument.Instrumentation#install}; with none installed the hooks
 * cost one field read per event.
 */
package dev.workshop.runtime.instrument;
