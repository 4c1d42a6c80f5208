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
package io.phoenix.observability.newcomer.log4j2;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simplest endpoints a service has: one that logs a line, one that logs a failure it
 * recovers from.
 *
 * @author Phoenix Observability
 */
@RestController
class HelloController {

	private static final Logger logger = LoggerFactory.getLogger(HelloController.class);

	@GetMapping("/hello")
	String hello() {
		logger.atInfo().addKeyValue("greeting", "hello").log("saying hello");
		return "hello";
	}

	@GetMapping("/charge")
	String charge() {
		try {
			throw new IllegalStateException("card declined");
		}
		catch (IllegalStateException ex) {
			logger.atWarn()
				.addKeyValue("password", "hunter2")
				.setCause(ex)
				.log("charge failed, retrying with token=abc123");
		}
		return "retried";
	}

}
