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

package io.phoenix.observability.benchmarks.app;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * {@code /hello/{id}}, the worst case for instrumentation (no work of its own), and
 * {@code /work/{id}}: about 2 KB of JSON and one outbound call to a local stub.
 *
 * @author Phoenix Observability
 */
@RestController
class BenchmarkController {

	private final RestClient downstream;

	BenchmarkController(RestClient.Builder builder, @Value("${bench.downstream-url}") String downstreamUrl) {
		// Built from Boot's builder, so that the variants with observability observe it
		this.downstream = builder.baseUrl(downstreamUrl).build();
	}

	@GetMapping("/hello/{id}")
	String hello(@PathVariable String id) {
		return "hello " + id;
	}

	@GetMapping("/work/{id}")
	Work work(@PathVariable String id) {
		String price = this.downstream.get().uri("/price/{id}", id).retrieve().body(String.class);
		List<Item> items = new ArrayList<>(16);
		for (int i = 0; i < 16; i++) {
			items.add(new Item("sku-" + id + "-" + i, "Item " + i + " of order " + id, i * 3 + 1, 19.99 + i,
					"warehouse-" + (i % 3)));
		}
		return new Work(id, "CONFIRMED", price, items);
	}

	record Work(String id, String status, String price, List<Item> items) {
	}

	record Item(String sku, String description, int quantity, double unitPrice, String location) {
	}

}
