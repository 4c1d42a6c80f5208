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

package io.phoenix.observability.autoconfigure.correlation;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring MVC error attributes that carry the request's {@code correlation_id} and
 * {@code trace_id}, so that an error body a user reports leads to the logs and the trace.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CorrelationErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
		CorrelationContext.addTo(attributes,
				webRequest.getAttribute(CorrelationContext.KEY, RequestAttributes.SCOPE_REQUEST),
				webRequest.getAttribute(CorrelationContext.TRACE_RESPONSE, RequestAttributes.SCOPE_REQUEST));
		return attributes;
	}

}
