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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;

/**
 * Records the metrics of pipeline runs, agent steps and interrupts: a counter of
 * executions by status and a histogram of durations with fixed buckets, where
 * Micrometer's default handler would record one timer tagged with the error and a long
 * task timer. Being a {@link MeterObservationHandler} ordered first, it takes these
 * observations from the default handler; every other observation is left to it.
 * <p>
 * The counters carry every low cardinality key value, the histograms and the in-flight
 * gauge every one but {@code status}: Prometheus reads them as
 * {@code pipeline_executions_total{pipeline,status}},
 * {@code pipeline_duration_seconds{pipeline}},
 * {@code pipeline_executions_active{pipeline}},
 * {@code agent_executions_total{agent,status}}, {@code agent_duration_seconds{agent}} and
 * {@code interrupts_total{kind,status}}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class PipelineMeterObservationHandler implements MeterObservationHandler<Observation.Context> {

	/**
	 * Buckets of {@code pipeline.duration}.
	 */
	public static final List<Duration> PIPELINE_BUCKETS = List.of(Duration.ofMillis(100), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
			Duration.ofSeconds(30), Duration.ofSeconds(60));

	/**
	 * Buckets of {@code agent.duration}.
	 */
	public static final List<Duration> AGENT_BUCKETS = List.of(Duration.ofMillis(10), Duration.ofMillis(50),
			Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
			Duration.ofSeconds(5));

	private static final String SAMPLE = PipelineMeterObservationHandler.class.getName() + ".sample";

	private static final String IN_FLIGHT = PipelineMeterObservationHandler.class.getName() + ".inFlight";

	private final MeterRegistry registry;

	private final Map<Tags, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	/**
	 * Create a new handler.
	 * @param registry the registry of the meters
	 */
	public PipelineMeterObservationHandler(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof PipelineRunContext || context instanceof AgentStepContext
				|| context instanceof InterruptContext;
	}

	@Override
	public void onStart(Observation.Context context) {
		if (context instanceof InterruptContext) {
			return;
		}
		context.put(SAMPLE, Timer.start(this.registry));
		if (context instanceof PipelineRunContext) {
			AtomicInteger running = this.inFlight.computeIfAbsent(tagsWithoutStatus(context),
					(tags) -> register(tags, new AtomicInteger()));
			running.incrementAndGet();
			context.put(IN_FLIGHT, running);
		}
	}

	private AtomicInteger register(Tags tags, AtomicInteger running) {
		// The map holds the number strongly: the gauge only weakly
		Gauge.builder("pipeline.executions.active", running, AtomicInteger::get)
			.description("Pipeline runs in progress")
			.tags(tags)
			.register(this.registry);
		return running;
	}

	@Override
	public void onStop(Observation.Context context) {
		if (context instanceof InterruptContext) {
			Counter.builder("interrupts")
				.description("Interrupts of pipeline runs: questions to the user and their outcomes")
				.tags(tags(context))
				.register(this.registry)
				.increment();
			return;
		}
		boolean run = context instanceof PipelineRunContext;
		Counter.builder(run ? "pipeline.executions" : "agent.executions")
			.description(run ? "Pipeline runs, by outcome" : "Agent steps, by outcome")
			.tags(tags(context))
			.register(this.registry)
			.increment();
		Timer.Sample sample = context.get(SAMPLE);
		if (sample != null) {
			sample.stop(Timer.builder(run ? "pipeline.duration" : "agent.duration")
				.description(run ? "Duration of pipeline runs" : "Duration of agent steps")
				.serviceLevelObjectives((run ? PIPELINE_BUCKETS : AGENT_BUCKETS).toArray(Duration[]::new))
				.tags(tagsWithoutStatus(context))
				.register(this.registry));
		}
		AtomicInteger running = context.get(IN_FLIGHT);
		if (running != null) {
			running.decrementAndGet();
		}
	}

	private static Tags tags(Observation.Context context) {
		List<Tag> tags = new ArrayList<>();
		for (KeyValue value : context.getLowCardinalityKeyValues()) {
			tags.add(Tag.of(value.getKey(), value.getValue()));
		}
		return Tags.of(tags);
	}

	private static Tags tagsWithoutStatus(Observation.Context context) {
		List<Tag> tags = new ArrayList<>();
		for (KeyValue value : context.getLowCardinalityKeyValues()) {
			if (!PipelineConventions.STATUS.equals(value.getKey())) {
				tags.add(Tag.of(value.getKey(), value.getValue()));
			}
		}
		return Tags.of(tags);
	}

}
