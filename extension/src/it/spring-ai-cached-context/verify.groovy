// A Spring context created by a plain @SpringBootTest class, then taken from the cache by the @LlmTest class: its
// Spring AI call went through LlmServer, recorded from the stand-in, then replayed with the stand-in stopped.
String log = new File(basedir, 'build.log').text
assert log.indexOf('Running com.example.ApplicationTest') >= 0
assert log.indexOf('Running com.example.ApplicationTest') < log.indexOf('Running com.example.TutorServiceTest') : 'the plain class runs first'
for (run in ['record', 'replay']) {
    for (name in ['ApplicationTest', 'TutorServiceTest']) {
        File xml = new File(basedir, "target/surefire-${run}/TEST-com.example.${name}.xml")
        assert xml.isFile() : xml
        def suite = (xml.text =~ /<testsuite [^>]*>/)[0]
        assert suite =~ /tests="1" errors="0" skipped="0" failures="0"/ : "${run}: ${suite}"
    }
    assert new File(basedir, "target/surefire-${run}/TEST-com.example.TutorServiceTest.xml").text
            .contains('<testcase name="solvesFibonacci(LlmServer)" classname="com.example.TutorServiceTest"')
}
File fixture = new File(basedir, 'target/llm-fixtures/com.example.TutorServiceTest/solvesFibonacci.json')
assert fixture.isFile() : 'the recording run wrote the fixture'
def interactions = new groovy.json.JsonSlurper().parse(fixture).interactions
assert interactions*.request*.endpoint == ['/api/chat']
assert interactions[0].request.messages*.role == ['system', 'user']
def calls = { run -> new groovy.json.JsonSlurper().parse(new File(basedir, "target/llmtest-${run}/report.json")).tests*.calls.flatten() }
assert calls('record')*.mode == ['record'] : calls('record')
assert calls('record')*.replayed == [false]
assert calls('replay')*.mode == ['replay'] : calls('replay')
assert calls('replay')*.replayed == [true]
assert calls('replay')*.prompt == ['Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...']
// one context for both classes: the cached one
assert log.count('Started ApplicationTest') == 2 : 'one context in each of the two runs, created by the plain class'
assert !log.contains('Started TutorServiceTest') : 'the @LlmTest class took the context from the cache'
return true
