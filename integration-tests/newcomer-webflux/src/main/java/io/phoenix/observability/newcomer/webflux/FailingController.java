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

package io.phoenix.observability.newcomer.webflux;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An endpoint with a bug: its pipeline fails, and nothing in the application handles the
 * error.
 *
 * @author Phoenix Observability
 */
@RestController
class FailingController {

	@GetMapping("/orders/{id}")
	Mono<String> order(@PathVariable String id) {
		return Mono.fromCallable(() -> {
			throw new IllegalStateException("order " + id + " has no customer");
		});
	}

}
