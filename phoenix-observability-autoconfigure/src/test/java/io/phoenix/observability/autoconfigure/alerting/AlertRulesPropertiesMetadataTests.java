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

package io.phoenix.observability.autoconfigure.alerting;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an IDE completes every property of every rule of the default rule pack.
 *
 * @author Phoenix Observability
 */
class AlertRulesPropertiesMetadataTests {

	@Test
	void everyPropertyOfEveryRuleIsInTheGeneratedMetadata() throws IOException {
		JsonNode metadata = new ObjectMapper()
			.readTree(new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream());
		Set<String> described = StreamSupport.stream(metadata.get("properties").spliterator(), false)
			.map((property) -> property.get("name").asText())
			.collect(Collectors.toSet());
		List<String> bindable = new ArrayList<>();
		BeanWrapperImpl rules = new BeanWrapperImpl(new AlertRulesProperties());
		for (PropertyDescriptor rule : rules.getPropertyDescriptors()) {
			if (!AlertRulesProperties.Rule.class.isAssignableFrom(rule.getPropertyType())) {
				continue;
			}
			for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(rule.getPropertyType())) {
				if (property.getWriteMethod() != null) {
					bindable.add(AlertRulesProperties.PREFIX + "." + dashed(rule.getName()) + "."
							+ dashed(property.getName()));
				}
			}
		}
		assertThat(bindable).hasSizeGreaterThan(40).allSatisfy((name) -> assertThat(described).contains(name));
	}

	private static String dashed(String camelCase) {
		return camelCase.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
	}

}
