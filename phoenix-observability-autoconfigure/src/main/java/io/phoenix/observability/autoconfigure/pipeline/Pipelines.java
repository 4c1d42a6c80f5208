/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.phoenix.observability.autoconfigure.pipeline;

import java.util.UUID;

import io.micrometer.observation.Observation;
import io.micrometer.observation.Observation.CheckedCallable;
import io.micrometer.observation.Observation.CheckedRunnable;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import io.phoenix.observability.autoconfigure.correlation.CorrelationContext;
import org.slf4j.MDC;

/**
 * Says "this is a pipeline run", "this is an agent step" and "this run was interrupted"
 * from application code. Each run and step is one Micrometer observation, so that one
 * call gives its metrics ({@code pipeline_executions_total},
 * {@code pipeline_duration_seconds}, {@code agent_executions_total},
 * {@code agent_duration_seconds}, {@code interrupts_total}), its span
 * ({@code pipeline.execute} with the steps' {@code agent.execute} spans as children) and
 * its logs ({@code pipeline} and {@code run_id} on every line written during the run, one
 * line when it ends). <pre class="code">
 * String summary = pipelines.run("summarize", runId, () -&gt; {
 *     List&lt;String&gt; documents = pipelines.agent("retriever", () -&gt; retriever.find(query));
 *     return pipelines.agent("writer", () -&gt; writer.write(documents));
 * });
 * </pre>
 *
 * @author Phoenix Observability
 * @since 0.1.0
 * @see PipelineRun
 * @see AgentStep
 */
public class Pipelines {

	private static final Observation.Event STARTED = Observation.Event.of("pipeline.started");

	private static final Observation.Event COMPLETED = Observation.Event.of("pipeline.completed");

	private final ObservationRegistry registry;

	private final PipelineConventions.Run runConvention;

	private final PipelineConventions.Agent agentConvention;

	private final PipelineConventions.Interrupt interruptConvention;

	/**
	 * Create an instance.
	 * @param registry the registry of the observations
	 * @param limiter the limiter of the tags' values
	 */
	public Pipelines(ObservationRegistry registry, TagValueLimiter limiter) {
		this.registry = registry;
		this.runConvention = new PipelineConventions.Run(limiter);
		this.agentConvention = new PipelineConventions.Agent(limiter);
		this.interruptConvention = new PipelineConventions.Interrupt(limiter);
	}

	/**
	 * Run the given work as a run of the given pipeline.
	 * @param <T> the type of the work's result
	 * @param <E> the type of exception the work throws
	 * @param pipeline the name of the pipeline
	 * @param runId the id of the run, or {@code null} for a new random one
	 * @param work the work
	 * @return the work's result
	 * @throws E the exception the work threw, recorded as the run's error
	 */
	public <T, E extends Throwable> T run(String pipeline, String runId, CheckedCallable<T, E> work) throws E {
		return pipeline(pipeline).runId(runId).run(work);
	}

	/**
	 * Run the given work as a run of the given pipeline.
	 * @param <E> the type of exception the work throws
	 * @param pipeline the name of the pipeline
	 * @param runId the id of the run, or {@code null} for a new random one
	 * @param work the work
	 * @throws E the exception the work threw, recorded as the run's error
	 */
	public <E extends Throwable> void run(String pipeline, String runId, CheckedRunnable<E> work) throws E {
		pipeline(pipeline).runId(runId).run(work);
	}

	/**
	 * Start describing a run of the given pipeline, to give it a user id or a request id.
	 * @param pipeline the name of the pipeline
	 * @return the description of the run
	 */
	public RunSpec pipeline(String pipeline) {
		return new RunSpec(pipeline);
	}

	/**
	 * Run the given work as a step of the given agent, within the current run.
	 * @param <T> the type of the work's result
	 * @param <E> the type of exception the work throws
	 * @param agent the name of the agent
	 * @param work the work
	 * @return the work's result
	 * @throws E the exception the work threw, recorded as the step's error
	 */
	public <T, E extends Throwable> T agent(String agent, CheckedCallable<T, E> work) throws E {
		PipelineRunContext run = currentRun();
		if (run != null) {
			run.stepStarted();
		}
		AgentStepContext context = new AgentStepContext(agent, run);
		return observe(Observation.createNotStarted(null, this.agentConvention, () -> context, this.registry), work,
				null);
	}

	/**
	 * Run the given work as a step of the given agent, within the current run.
	 * @param <E> the type of exception the work throws
	 * @param agent the name of the agent
	 * @param work the work
	 * @throws E the exception the work threw, recorded as the step's error
	 */
	public <E extends Throwable> void agent(String agent, CheckedRunnable<E> work) throws E {
		agent(agent, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * Record an interrupt: a run stopping to ask the user ({@code raised}), or what
	 * became of the question ({@code answered}, {@code expired}, ...).
	 * @param kind the kind of interrupt, such as {@code clarification} or
	 * {@code confirmation}
	 * @param status the status of the interrupt
	 */
	public void interrupt(String kind, String status) {
		PipelineRunContext run = currentRun();
		Observation
			.createNotStarted(null, this.interruptConvention, () -> new InterruptContext(kind, status, run),
					this.registry)
			.start()
			.stop();
	}

	/**
	 * Give the current run the reason it ends for, such as {@code max_iterations} or
	 * {@code awaiting_clarification}: it becomes the run's status unless the run fails.
	 * @param reason the reason
	 * @return whether there is a current run to give it to
	 */
	public boolean terminate(String reason) {
		PipelineRunContext run = currentRun();
		if (run == null) {
			return false;
		}
		run.setTerminationReason(reason);
		return true;
	}

	/**
	 * Return the id of the run the current thread works for.
	 * @return the run id, or {@code null} outside a run
	 */
	public static String currentRunId() {
		return MDC.get(PipelineMdc.RUN_ID);
	}

	private PipelineRunContext currentRun() {
		Observation current = this.registry.getCurrentObservation();
		ObservationView view = current;
		// Bounded: a run's steps nest a few levels deep, never a cycle
		for (int depth = 0; view != null && depth < 64; depth++) {
			if (view.getContextView() instanceof PipelineRunContext run) {
				return run;
			}
			view = view.getContextView().getParentObservation();
		}
		return null;
	}

	private static <T, E extends Throwable> T observe(Observation observation, CheckedCallable<T, E> work,
			PipelineMdc mdc) throws E {
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			PipelineMdc previous = (mdc != null) ? PipelineMdc.fromMdc() : null;
			if (mdc != null) {
				mdc.putInMdc();
				observation.event(STARTED);
			}
			try {
				T result = work.call();
				if (mdc != null) {
					observation.event(COMPLETED);
				}
				return result;
			}
			finally {
				if (mdc != null) {
					// Before the run's end: its line adds the fields itself
					PipelineMdc.restore(previous);
				}
			}
		}
		catch (Throwable ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * The description of a run about to start.
	 */
	public final class RunSpec {

		private final String pipeline;

		private String runId;

		private String requestId;

		private String userId;

		private RunSpec(String pipeline) {
			this.pipeline = pipeline;
		}

		/**
		 * Give the run its id.
		 * @param runId the id, or {@code null} for a new random one
		 * @return this description
		 */
		public RunSpec runId(String runId) {
			this.runId = runId;
			return this;
		}

		/**
		 * Give the run the id of the request it serves; by default, the
		 * {@code request_id} of the MDC.
		 * @param requestId the request id
		 * @return this description
		 */
		public RunSpec requestId(String requestId) {
			this.requestId = requestId;
			return this;
		}

		/**
		 * Give the run the id of the user it serves, as the span's {@code user.id}.
		 * @param userId the user id
		 * @return this description
		 */
		public RunSpec userId(String userId) {
			this.userId = userId;
			return this;
		}

		/**
		 * Run the given work as this run.
		 * @param <T> the type of the work's result
		 * @param <E> the type of exception the work throws
		 * @param work the work
		 * @return the work's result
		 * @throws E the exception the work threw, recorded as the run's error
		 */
		public <T, E extends Throwable> T run(CheckedCallable<T, E> work) throws E {
			String id = (this.runId != null) ? this.runId : UUID.randomUUID().toString();
			String request = (this.requestId != null) ? this.requestId : MDC.get(CorrelationContext.REQUEST_ID);
			PipelineRunContext context = new PipelineRunContext(this.pipeline, id, request, this.userId);
			Observation observation = Observation.createNotStarted(null, Pipelines.this.runConvention, () -> context,
					Pipelines.this.registry);
			return observe(observation, work, new PipelineMdc(this.pipeline, id));
		}

		/**
		 * Run the given work as this run.
		 * @param <E> the type of exception the work throws
		 * @param work the work
		 * @throws E the exception the work threw, recorded as the run's error
		 */
		public <E extends Throwable> void run(CheckedRunnable<E> work) throws E {
			run(() -> {
				work.run();
				return null;
			});
		}

	}

}
