import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { isApiError } from '../../../api/api-error';
import { userMessage } from '../../../api/error-messages';
import { PageShell } from '../../../components/page-shell';
import { pages, routeParam } from '../../../constants/pages';
import { classNames } from '../../../utils/class-names';
import { flagAttribute } from '../../../utils/flag-attribute';
import { hallGateway } from '../../gateway';
import { ChipChoice } from '../../components/chip-choice';
import { GradePicker, isPoorGrade } from '../../components/grade-picker';
import type { RatingGrade } from '../../lib/hall-view';
import './index.scss';

/** 评价 (好差评): one rating per visit, five grades, optional tags and words. */
export default function RatePage() {
  const { params } = useRouter();
  const ticketId = routeParam(params, 'ticketId');
  const serviceName = routeParam(params, 'service');
  const [grade, setGrade] = useState<RatingGrade | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async () => {
    if (!grade || busy) return;
    setBusy(true);
    setError(null);
    try {
      await hallGateway().rate(ticketId, { grade, tags, comment });
      setDone(true);
    } catch (e) {
      if (isApiError(e) && e.code === 'ALREADY_RATED') setDone(true);
      else setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <PageShell id="page-hall-rate" className="page--padded">
        <View id="rate-done" className="card rate-done">
          <Text className="rate-done-title">谢谢您的评价</Text>
          <Text className="muted">{grade && isPoorGrade(grade) ? '大厅负责人会尽快联系您了解情况' : '您的意见会帮助我们做得更好'}</Text>
          <Button id="rate-go-halls" className="secondary-button list-retry" onClick={() => void Taro.redirectTo({ url: pages.halls })}>
            返回办事大厅
          </Button>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell id="page-hall-rate" className="page--padded">
      <View className="card">
        <Text className="card-title">这次办事您满意吗？</Text>
        {serviceName ? <Text className="muted">办理事项：{serviceName}</Text> : null}
        <GradePicker value={grade} onChange={setGrade} />
      </View>
      <View className="card">
        <Text className="card-title">选几个词（可不选）</Text>
        <ChipChoice
          id="rate-tags"
          options={hallGateway().ratingTags.map((t) => ({ value: t, label: t }))}
          selected={tags}
          onToggle={(t) => setTags((list) => (list.includes(t) ? list.filter((x) => x !== t) : [...list, t]))}
        />
      </View>
      <View className="card">
        <Text className="card-title">想说的话（可不填）</Text>
        <Textarea id="rate-comment" className={classNames('hall-textarea')} value={comment} placeholder="例如：工作人员很耐心" maxlength={300} onInput={(e) => setComment(e.detail.value)} />
      </View>
      {error ? (
        <Text id="rate-error" className="form-error rate-error">
          {error}
        </Text>
      ) : null}
      <View className="page-actions">
        <Button id="rate-submit" className={classNames('primary-button', !grade && 'button--disabled')} loading={flagAttribute(busy)} disabled={flagAttribute(busy || !grade)} onClick={() => void submit()}>
          提交评价
        </Button>
      </View>
    </PageShell>
  );
}
