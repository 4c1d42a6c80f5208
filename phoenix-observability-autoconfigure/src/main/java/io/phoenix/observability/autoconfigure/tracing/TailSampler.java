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

package io.phoenix.observability.autoconfigure.tracing;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Sampler for tail sampling: samples what the parent-based ratio sampler samples, and
 * records every other span without sampling it, so that a
 * {@link TailSamplingSpanProcessor} can still keep its trace when it ends.
 * <p>
 * A sampled parent, local or remote, makes the span sampled; an unsampled parent makes it
 * record only; a new trace is sampled by {@link Sampler#traceIdRatioBased(double)}, a
 * pure function of the trace id, so that every service of a trace that starts there
 * decides alike.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class TailSampler implements Sampler {

	private final Sampler ratio;

	/**
	 * Create a new sampler.
	 * @param probability the share of new traces to sample, from 0 to 1
	 */
	public TailSampler(double probability) {
		this.ratio = Sampler.traceIdRatioBased(probability);
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		SpanContext parent = Span.fromContext(parentContext).getSpanContext();
		if (parent.isValid()) {
			return parent.isSampled() ? SamplingResult.recordAndSample() : SamplingResult.recordOnly();
		}
		SamplingResult result = this.ratio.shouldSample(parentContext, traceId, name, spanKind, attributes,
				parentLinks);
		return (result.getDecision() == SamplingDecision.RECORD_AND_SAMPLE) ? result : SamplingResult.recordOnly();
	}

	@Override
	public String getDescription() {
		return "PhoenixTailSampler{" + this.ratio.getDescription() + "}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

}
