import pytest

from tidings.errors import PipelineError, StageError
from tidings.model import Article
from tidings.pipeline import Context, Pipeline, registered_stages, stage


@stage("test.upper.v1", requires=("text",), assigns=("title",))
def _upper(ctx):
    def run(article):
        if "boom" in article.text:
            raise ValueError("boom")
        article.title = article.text.upper()
        return article

    return run


@stage("test.needs_title.v1", requires=("title", "sentences"), assigns=())
def _needs(ctx):
    return lambda a: a


def test_registered_stages_declare_requires_and_assigns(config):
    stages = registered_stages()
    for name in config.pipeline.stages:
        assert name in stages
        assert stages[name].assigns, name


def test_default_pipeline_builds(config):
    Pipeline.from_config(Context(config))


def test_unknown_stage_is_named(config):
    with pytest.raises(PipelineError, match="no.such.v1"):
        Pipeline(["no.such.v1"], Context(config))


def test_unmet_requirement_is_found_when_built(config):
    with pytest.raises(PipelineError, match="sentences"):
        Pipeline(["clean.html.v1", "test.upper.v1", "test.needs_title.v1"], Context(config))


def test_record_policy_keeps_the_batch_going(config):
    pipe = Pipeline(["clean.html.v1", "test.upper.v1"], Context(config), on_error="record")
    result = pipe.run([Article("a", raw="fine"), Article("b", raw="boom", source="b.txt")])
    assert [a.id for a in result.articles] == ["a"]
    assert result.rejected[0].article_id == "b" and result.rejected[0].stage == "test.upper.v1"


def test_raise_policy_names_stage_and_article(config):
    pipe = Pipeline(["clean.html.v1", "test.upper.v1"], Context(config), on_error="raise")
    with pytest.raises(StageError, match="test.upper.v1.*b"):
        pipe.run([Article("b", raw="boom")])


def test_copies_skip_later_stages(config):
    pipe = Pipeline(["clean.html.v1", "test.upper.v1"], Context(config))
    copy = Article("c", raw="boom")
    copy.duplicate_of = "a"
    result = pipe.run([copy])
    assert result.articles == [copy] and not result.rejected
