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

package io.phoenix.observability.benchmarks.webflux;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The reactive {@code /hello/{id}} and {@code /work/{id}}.
 *
 * @author Phoenix Observability
 */
@RestController
class WebFluxBenchmarkController {

	private final WebClient downstream;

	WebFluxBenchmarkController(WebClient.Builder builder, @Value("${bench.downstream-url}") String downstreamUrl) {
		this.downstream = builder.baseUrl(downstreamUrl).build();
	}

	@GetMapping("/hello/{id}")
	Mono<String> hello(@PathVariable String id) {
		return Mono.just("hello " + id);
	}

	@GetMapping("/work/{id}")
	Mono<Work> work(@PathVariable String id) {
		return this.downstream.get()
			.uri("/price/{id}", id)
			.retrieve()
			.bodyToMono(String.class)
			.map((price) -> new Work(id, "CONFIRMED", price, items(id)));
	}

	private static List<Item> items(String id) {
		List<Item> items = new ArrayList<>(16);
		for (int i = 0; i < 16; i++) {
			items.add(new Item("sku-" + id + "-" + i, "Item " + i + " of order " + id, i * 3 + 1, 19.99 + i,
					"warehouse-" + (i % 3)));
		}
		return items;
	}

	record Work(String id, String status, String price, List<Item> items) {
	}

	record Item(String sku, String description, int quantity, double unitPrice, String location) {
	}

}
