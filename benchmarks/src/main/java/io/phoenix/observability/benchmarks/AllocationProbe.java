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

package io.phoenix.observability.benchmarks;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;

/**
 * Prints the bytes allocated so far by all live threads of another JVM, read over the
 * attach API and JMX, so that a load run can be charged its allocation per request:
 * {@code AllocationProbe <pid>}. Worker threads of the server live through a load run, so
 * the difference of two readings around it is the run's allocation (a thread that ends in
 * between would take its share with it, which under-counts; none do in these apps).
 *
 * @author Phoenix Observability
 */
public final class AllocationProbe {

	private AllocationProbe() {
	}

	public static void main(String[] args) throws Exception {
		VirtualMachine vm = VirtualMachine.attach(args[0]);
		try {
			String address = vm.startLocalManagementAgent();
			try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
				MBeanServerConnection connection = connector.getMBeanServerConnection();
				ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(connection,
						ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
				long total = 0;
				for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
					if (allocated > 0) {
						total += allocated;
					}
				}
				System.out.println(total);
			}
		}
		finally {
			vm.detach();
		}
	}

}
