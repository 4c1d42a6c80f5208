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

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * An ended span of a kept trace, marked sampled: what the exporting processor exports and
 * what the backend receives, so that a kept trace looks like a sampled one.
 *
 * @author Phoenix Observability
 */
final class SampledSpan implements ReadableSpan {

	private final ReadableSpan delegate;

	private final SpanContext spanContext;

	SampledSpan(ReadableSpan delegate) {
		this.delegate = delegate;
		SpanContext context = delegate.getSpanContext();
		this.spanContext = SpanContext.create(context.getTraceId(), context.getSpanId(), TraceFlags.getSampled(),
				context.getTraceState());
	}

	@Override
	public SpanContext getSpanContext() {
		return this.spanContext;
	}

	@Override
	public SpanContext getParentSpanContext() {
		return this.delegate.getParentSpanContext();
	}

	@Override
	public String getName() {
		return this.delegate.getName();
	}

	@Override
	public SpanData toSpanData() {
		SpanContext sampled = this.spanContext;
		return new DelegatingSpanData(this.delegate.toSpanData()) {

			@Override
			public SpanContext getSpanContext() {
				return sampled;
			}

		};
	}

	@Override
	@Deprecated
	public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
		return this.delegate.getInstrumentationLibraryInfo();
	}

	@Override
	public InstrumentationScopeInfo getInstrumentationScopeInfo() {
		return this.delegate.getInstrumentationScopeInfo();
	}

	@Override
	public boolean hasEnded() {
		return this.delegate.hasEnded();
	}

	@Override
	public long getLatencyNanos() {
		return this.delegate.getLatencyNanos();
	}

	@Override
	public SpanKind getKind() {
		return this.delegate.getKind();
	}

	@Override
	public <T> T getAttribute(AttributeKey<T> key) {
		return this.delegate.getAttribute(key);
	}

	@Override
	public Attributes getAttributes() {
		return this.delegate.getAttributes();
	}

}
