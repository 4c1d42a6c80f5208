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

package io.phoenix.observability.newcomer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that hand their work to the application's own thread pools.
 *
 * @author Phoenix Observability
 */
@RestController
class WorkController {

	private static final Logger logger = LoggerFactory.getLogger(WorkController.class);

	private final AsyncWork asyncWork;

	private final ExecutorService pool;

	private final ScheduledExecutorService scheduler;

	WorkController(AsyncWork asyncWork, ExecutorService pool, ScheduledExecutorService scheduler) {
		this.asyncWork = asyncWork;
		this.pool = pool;
		this.scheduler = scheduler;
	}

	@GetMapping("/work/async/{ticket}")
	String async(@PathVariable String ticket) throws InterruptedException, ExecutionException {
		return this.asyncWork.work(ticket).get();
	}

	@GetMapping("/work/chain/{ticket}")
	String chain(@PathVariable String ticket) throws InterruptedException, ExecutionException {
		return CompletableFuture.supplyAsync(() -> {
			logger.atInfo().addKeyValue("ticket", ticket).log("chain step one");
			return ticket;
		}, this.pool).thenApplyAsync((value) -> {
			logger.atInfo().addKeyValue("ticket", value).log("chain step two");
			return value;
		}, this.pool).get();
	}

	@GetMapping("/work/later/{ticket}")
	String later(@PathVariable String ticket) {
		// Runs after the response is sent
		this.scheduler.schedule(() -> logger.atInfo().addKeyValue("ticket", ticket).log("later work"), 300,
				TimeUnit.MILLISECONDS);
		return "scheduled";
	}

}
