import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { routeParam } from '../../../constants/pages';
import { useStore } from '../../../hooks/use-store';
import { platform } from '../../../platform/platform';
import { sessionStore } from '../../../store/session';
import { flagAttribute } from '../../../utils/flag-attribute';
import { ChipChoice } from '../../components/chip-choice';
import { ConsoleQueue } from '../../components/console-queue';
import { ConsoleTicket } from '../../components/console-ticket';
import { useClock } from '../../hooks/use-clock';
import { useWindowConsole } from '../../hooks/use-window-console';
import { staffHallId } from '../../lib/staff';
import './index.scss';

/** 窗口叫号 for window staff: call, recall, skip, start, complete, transfer, pause; a ticket for a scanned code. */
export default function ConsolePage() {
  const { params } = useRouter();
  const session = useStore(sessionStore);
  const hallId = routeParam(params, 'hallId') || staffHallId(session.user?.roles);
  const c = useWindowConsole(hallId);
  const now = useClock(15_000);
  const [code, setCode] = useState('');
  const [codeService, setCodeService] = useState<string | null>(null);
  const [transferring, setTransferring] = useState(false);

  if (session.user && !hallId) {
    return (
      <PageShell id="page-hall-console" className="page--padded">
        <View id="console-no-role" className="card list-error">
          <Text className="form-error">仅大厅窗口工作人员可使用此功能</Text>
        </View>
      </PageShell>
    );
  }

  if (!c.windowId) {
    return (
      <PageShell id="page-hall-console" className="page--padded">
        <View id="console-choose-window" className="card">
          <Text className="card-title">请选择您今天所在的窗口（上岗）</Text>
          <Text className="muted">一个人同一时间只在一个窗口上岗</Text>
          <ChipChoice id="console-windows" options={c.windows.map((w) => ({ value: w.id, label: `${w.label}号 ${w.name}` }))} selected={c.blocked ? [c.blocked.windowId] : []} onToggle={(id) => void c.chooseWindow(id)} />
          {c.error ? <Text className="form-error">{c.error}</Text> : null}
          {c.blocked ? (
            <View id="console-blocked" className="console-blocked">
              <Text className="form-error">{c.blocked.message}</Text>
              <Button id="console-take-over" className="secondary-button console-gap" disabled={flagAttribute(c.busy)} onClick={() => c.blocked && void c.chooseWindow(c.blocked.windowId, true)}>
                接管这个窗口
              </Button>
            </View>
          ) : null}
        </View>
      </PageShell>
    );
  }

  const d = c.desk;
  const current = d?.current ?? null;
  const serviceForCode = codeService ?? d?.services[0]?.id ?? null;
  const scan = async () => {
    const text = await platform.scanCode();
    if (text && serviceForCode) await c.ticketForCode(text, serviceForCode);
  };

  return (
    <PageShell id="page-hall-console" className="page--padded">
      <View className="card console-head">
        <View>
          <Text id="console-window" className="console-window-title">
            {d ? `${d.label}号窗口 · ${d.name}` : '加载中…'}
          </Text>
          <Text className="muted">{d ? `${d.services.map((s) => s.name).join('、')} · 排队 ${d.waiting} 人` : ''}</Text>
        </View>
        <Text id="console-switch-window" className="link-button" onClick={() => void c.chooseWindow(null)}>
          下岗/换窗口
        </Text>
      </View>

      {d && d.status !== 'open' ? (
        <View id="console-paused" className="card console-paused">
          <Text className="console-paused-text">{d.status === 'paused' ? '窗口暂停中' : '窗口未开启'}</Text>
          <Button id="console-open" className="primary-button" disabled={flagAttribute(c.busy)} onClick={() => void c.setStatus('open')}>
            {d.status === 'paused' ? '恢复叫号' : '开启窗口'}
          </Button>
        </View>
      ) : null}

      <ConsoleTicket ticket={current} now={now} />
      {c.error ? (
        <Text id="console-error" className="form-error console-error">
          {c.error}
        </Text>
      ) : null}

      <View className="console-actions">
        {!current ? (
          <Button id="console-call-next" className="primary-button console-big" disabled={flagAttribute(c.busy || d?.status !== 'open')} onClick={() => void c.callNext()}>
            叫下一位
          </Button>
        ) : current.status === 'called' ? (
          <>
            <Button id="console-start" className="primary-button console-big" disabled={flagAttribute(c.busy)} onClick={() => void c.act('start')}>
              开始办理
            </Button>
            <View className="console-row">
              <Button id="console-recall" className="secondary-button console-half" disabled={flagAttribute(c.busy)} onClick={() => void c.act('recall')}>
                重呼
              </Button>
              <Button id="console-skip" className="secondary-button console-half" disabled={flagAttribute(c.busy)} onClick={() => void c.act('skip')}>
                过号
              </Button>
            </View>
          </>
        ) : (
          <>
            <Button id="console-complete" className="primary-button console-big" disabled={flagAttribute(c.busy)} onClick={() => void c.act('complete')}>
              办结
            </Button>
            <Button id="console-transfer" className="secondary-button" disabled={flagAttribute(c.busy)} onClick={() => setTransferring((t) => !t)}>
              转到其他事项
            </Button>
            {transferring && d ? (
              <ChipChoice
                id="console-transfer-to"
                options={d.hallServices.filter((s) => s.id !== current.serviceId).map((s) => ({ value: s.id, label: s.name }))}
                selected={[]}
                onToggle={(id) => {
                  setTransferring(false);
                  void c.transfer(id);
                }}
              />
            ) : null}
          </>
        )}
        {d && d.status === 'open' ? (
          <Text id="console-pause" className="link-button console-pause" onClick={() => void c.setStatus('paused')}>
            暂停窗口
          </Text>
        ) : null}
      </View>

      <View id="console-code" className="card">
        <Text className="card-title">扫到场码取号</Text>
        <Text className="muted">扫描群众出示的到场码（个人码），有预约的优先排队</Text>
        {d && d.services.length > 1 ? (
          <ChipChoice id="console-code-service" options={d.services.map((s) => ({ value: s.id, label: s.name }))} selected={serviceForCode ? [serviceForCode] : []} onToggle={setCodeService} />
        ) : null}
        {platform.canScan ? (
          <Button id="console-scan" className="primary-button console-gap" disabled={flagAttribute(c.busy || !serviceForCode)} onClick={() => void scan()}>
            扫码取号
          </Button>
        ) : null}
        <View className="console-code-row">
          <Input id="console-code-input" className="hall-input" value={code} placeholder="或粘贴码内容 GPC1.…" maxlength={256} onInput={(e) => setCode(e.detail.value)} />
          <Button
            id="console-code-submit"
            className="secondary-button console-code-button"
            disabled={flagAttribute(c.busy || !code.trim() || !serviceForCode)}
            onClick={() => {
              if (serviceForCode) void c.ticketForCode(code, serviceForCode);
              setCode('');
            }}
          >
            取号
          </Button>
        </View>
        {c.issued ? (
          <View id="console-issued" className="console-issued">
            <Text className="console-issued-number">{c.issued.number}</Text>
            <Text className="muted">
              {c.issued.serviceName}
              {c.issued.fromAppointment ? ' · 预约优先' : ''}，前面 {c.issued.ahead ?? 0} 人
            </Text>
          </View>
        ) : null}
      </View>

      {d ? <ConsoleQueue queue={d.queue} canCall={!current && d.status === 'open'} busy={c.busy} onCall={c.callChosen} onPriority={c.setPriority} /> : null}
    </PageShell>
  );
}
